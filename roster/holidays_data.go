package roster

import (
	"slices"
	"time"
)

// The Government's published holiday decisions, one entry a year. A year
// listed here replaces StatutoryDays for that whole year, so each lists every
// holiday of its year: the days a decision fixed carry the decision's
// reference as Source, the days the Labour Code fixes by itself (1 January,
// Giỗ Tổ Hùng Vương, 30 April, 1 May, and their compensatory days) carry
// SourceStatutory.
//
// To add a year: list its holidays below in the same way, with the
// reference of the decision (the Government Office letter conveying the
// Prime Minister's decision, or the ministry's notice that publishes it).
// TestOfficialDaysConsistent checks that a year keeps the eleven statutory
// holidays, that Tết and Giỗ Tổ Hùng Vương fall on the right lunar days, that
// every swap is balanced and that the year has as many working days as the
// statutory one.
//
// References. Where the number of a text could not be checked, the
// reference names the text by its date and content instead:
//
//   - 2024: Tết 8–14 Feb (29 tháng Chạp to mùng 3 Tết, the 10–11 Feb weekend
//     compensated on 13–14 Feb) and Quốc khánh 2–3 Sep: Thông báo
//     6150/TB-LĐTBXH of 24 Nov 2023. Mon 29 Apr off, Sat 4 May worked:
//     Công văn 2450/VPCP-KGVX of 12 Apr 2024.
//   - 2025: Tết 27–31 Jan (28 tháng Chạp to mùng 3 Tết; with the weekends,
//     25 Jan–2 Feb), Fri 2 May off with Sat 26 Apr worked, and Quốc khánh
//     1–2 Sep: Công văn 8726/VPCP-KGVX of 26 Nov 2024. That this letter also
//     carried the 2 May swap and the National Day days is our reading of the
//     press reports of it; the days themselves are certain.
//   - 2026: Fri 2 Jan off, Sat 10 Jan worked: Công văn 12729/VPCP-KGVX of
//     25 Dec 2025. Tết 16–20 Feb (29 tháng Chạp to mùng 4 Tết; with the
//     weekends, 14–22 Feb) and Quốc khánh 1–2 Sep with Mon 31 Aug off and
//     Sat 22 Aug worked: the Prime Minister's decision conveyed by the
//     Government Office on 13 Oct 2025, on the Ministry of Home Affairs'
//     proposal (the letter's number was not at hand). Giỗ Tổ Hùng Vương falls
//     on Sun 26 Apr, so Mon 27 Apr is off by Art. 111(3) of the Labour Code.
//
// Not included: the Politburo chose 24 November as Vietnam Culture Day
// (Ngày Văn hóa Việt Nam), a paid holiday once the Labour Code is amended;
// until that amendment is in force and the year's days are known, managers
// can add it as an override.
const (
	holidaySrc2024Tet = "Thông báo 6150/TB-LĐTBXH ngày 24/11/2023"
	holidaySrc2024Apr = "Công văn 2450/VPCP-KGVX ngày 12/4/2024"
	holidaySrc2025    = "Công văn 8726/VPCP-KGVX ngày 26/11/2024"
	holidaySrc2026Jan = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
	holidaySrc2026    = "Ý kiến Thủ tướng về nghỉ Tết Âm lịch, Quốc khánh năm 2026 (Văn phòng Chính phủ, 13/10/2025)"
)

// holidayOfficial holds the shipped decisions by year, each sorted by date.
// Read-only: OfficialDays hands out copies.
var holidayOfficial = map[int][]SpecialDay{
	2024: holidayYear(
		holidayOn(2024, 1, 1, holidayNewYear, SourceStatutory),
		holidayRange(2024, 2, 8, 12, holidayTet, holidaySrc2024Tet),                       // Thu 8 – Mon 12; 10–11 Feb are mùng 1–2
		holidayRange(2024, 2, 13, 14, holidayCompPrefix+holidayTet, holidaySrc2024Tet),    // for Sat 10, Sun 11
		holidayOn(2024, 4, 18, holidayHung, SourceStatutory),                              // Thu
		holidaySwap(holidayDate(2024, 4, 29), holidayDate(2024, 5, 4), holidaySrc2024Apr), // Mon off, Sat worked
		holidayOn(2024, 4, 30, holidayVictory, SourceStatutory),                           // Tue
		holidayOn(2024, 5, 1, holidayLabour, SourceStatutory),                             // Wed
		holidayRange(2024, 9, 2, 3, holidayNational, holidaySrc2024Tet),                   // Mon, Tue
	),
	2025: holidayYear(
		holidayOn(2025, 1, 1, holidayNewYear, SourceStatutory),                         // Wed
		holidayRange(2025, 1, 27, 31, holidayTet, holidaySrc2025),                      // Mon – Fri; Tết is Wed 29 Jan
		holidayOn(2025, 4, 7, holidayHung, SourceStatutory),                            // Mon
		holidaySwap(holidayDate(2025, 5, 2), holidayDate(2025, 4, 26), holidaySrc2025), // Fri off, Sat worked
		holidayOn(2025, 4, 30, holidayVictory, SourceStatutory),                        // Wed
		holidayOn(2025, 5, 1, holidayLabour, SourceStatutory),                          // Thu
		holidayRange(2025, 9, 1, 2, holidayNational, holidaySrc2025),                   // Mon, Tue
	),
	2026: holidayYear(
		holidayOn(2026, 1, 1, holidayNewYear, SourceStatutory),                            // Thu
		holidaySwap(holidayDate(2026, 1, 2), holidayDate(2026, 1, 10), holidaySrc2026Jan), // Fri off, Sat worked
		holidayRange(2026, 2, 16, 20, holidayTet, holidaySrc2026),                         // Mon – Fri; Tết is Tue 17 Feb
		holidayOn(2026, 4, 26, holidayHung, SourceStatutory),                              // Sun
		holidayOn(2026, 4, 27, holidayCompPrefix+holidayHung, SourceStatutory),            // Mon
		holidayOn(2026, 4, 30, holidayVictory, SourceStatutory),                           // Thu
		holidayOn(2026, 5, 1, holidayLabour, SourceStatutory),                             // Fri
		holidaySwap(holidayDate(2026, 8, 31), holidayDate(2026, 8, 22), holidaySrc2026),   // Mon off, Sat worked
		holidayRange(2026, 9, 1, 2, holidayNational, holidaySrc2026),                      // Tue, Wed
	),
}

func holidayDate(y, m, d int) Date { return Date{Year: y, Month: time.Month(m), Day: d} }

// holidayOn is one day off.
func holidayOn(y, m, d int, name, source string) []SpecialDay {
	return holidayRange(y, m, d, d, name, source)
}

// holidayRange is the days off from..to of one month, both included.
func holidayRange(y, m, from, to int, name, source string) []SpecialDay {
	var days []SpecialDay
	for d := from; d <= to; d++ {
		days = append(days, SpecialDay{Date: holidayDate(y, m, d), Name: name, Kind: DayOff, Source: source})
	}
	return days
}

// holidayYear joins the days of one year and sorts them by date.
func holidayYear(parts ...[]SpecialDay) []SpecialDay {
	days := slices.Concat(parts...)
	slices.SortFunc(days, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	return days
}
