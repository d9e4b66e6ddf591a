package roster

import "math"

// The Vietnamese lunar calendar (âm lịch), after Hồ Ngọc Đức's astronomical
// algorithm ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/),
// itself built on Jean Meeus, "Astronomical Algorithms" (1998):
//
//   - a month starts on the local day of a new moon (sóc);
//   - month 11 is the month that contains the winter solstice (Đông chí);
//   - a span from one month 11 to the next with 13 months has a leap month:
//     the first month after month 11 that contains no major solar term
//     (trung khí, a multiple of 30° of the sun's longitude); it takes the
//     number of the month before it;
//   - days are counted in the time zone UTC+7.
//
// The time zone is what sets it apart from the Chinese calendar (UTC+8): a new
// moon between 23:00 and 24:00 UTC+7 falls on different days in the two, so
// Tết differs in some years (2007: 17 February in Vietnam, 18 February in
// China; 1985: 21 January against 20 February, because month 11 began on
// 23 November 1984 in Vietnam and on 22 December in China).
//
// Everything is computed on Julian day numbers (JDN, as Date.JulianDay); no
// tables, no state. One conversion costs a few microseconds.
//
// Checked against Hồ Ngọc Đức's published year tables (which use UTC+7 from
// 1968 on): Tết, the leap month and the length of every month agree for
// 1968–2053. Later, a few months whose new moon falls within minutes of
// midnight come out a day off from those tables (2054, 2072, 2077), the
// limit of the simplified series used here. Before 1968 Vietnam followed the
// UTC+8 calendar, which this code does not model.

// vietnamUTCOffset is the time zone of the Vietnamese calendar, in hours.
const vietnamUTCOffset = 7.0

// LunarDate is a day of the Vietnamese lunar calendar.
//
// Year is the year that starts with Tết: the lunar year whose first day falls
// in January or February of the solar year with the same number. Month is 1
// (tháng Giêng) to 12 (tháng Chạp); Leap marks the leap month (tháng nhuận),
// which follows the ordinary month with the same number. Day is 1 to 30.
type LunarDate struct {
	Year, Month, Day int
	Leap             bool
}

// SolarToLunar returns the Vietnamese lunar date of the civil day d.
func SolarToLunar(d Date) LunarDate {
	return solarToLunar(d, vietnamUTCOffset)
}

// LunarToSolar returns the civil day of the lunar date l, and false if there
// is no such day: a month outside 1–12, a day outside 1–30, day 30 of a 29-day
// month, or a leap month the year does not have.
func LunarToSolar(l LunarDate) (Date, bool) {
	return lunarToSolar(l, vietnamUTCOffset)
}

// LunarMonthLength returns the number of days (29 or 30) of the given month
// of a Vietnamese lunar year, or 0 if the year has no such month (a month
// outside 1–12, or a leap month the year lacks).
func LunarMonthLength(year, month int, leap bool) int {
	sp, i, ok := findLunarMonth(year, month, leap, vietnamUTCOffset)
	if !ok {
		return 0
	}
	return sp.start[i+1] - sp.start[i]
}

// LunarLeapMonth returns the number of the leap month of a Vietnamese lunar
// year, or 0 if the year has none (12 months).
func LunarLeapMonth(year int) int {
	return lunarLeapMonth(year, vietnamUTCOffset)
}

// lunarSpan holds the months from one month 11 (the one containing the
// winter solstice of solar year year) up to, not including, the next.
type lunarSpan struct {
	year  int     // the solar year of the first month 11; its months 11 and 12 belong to lunar year year
	n     int     // 12 or 13 months
	leap  int     // index of the leap month in start, 0 if none (index 0 is month 11, never leap)
	start [14]int // JDN of the first day of each month; start[n] is the next month 11
}

// month returns the lunar year, month number and leap flag of the month at
// index i of the span.
func (sp *lunarSpan) month(i int) (year, month int, leap bool) {
	m := i // months since month 11, not counting the leap month
	if sp.leap > 0 && i >= sp.leap {
		m--
	}
	month = (10+m)%12 + 1
	year = sp.year + 1
	if m < 2 { // month 11 or 12, or a leap month 11 or 12
		year = sp.year
	}
	return year, month, sp.leap > 0 && i == sp.leap
}

// newLunarSpan computes the months from month 11 of solar year y (in time
// zone tz, hours east of UTC) to the next month 11.
func newLunarSpan(y int, tz float64) lunarSpan {
	sp := lunarSpan{year: y}
	a11 := lunarMonth11(y, tz)
	b11 := lunarMonth11(y+1, tz)
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	sp.n = 12
	if b11-a11 > 365 {
		sp.n = 13
	}
	sp.start[0] = a11
	for i := 1; i < sp.n; i++ {
		sp.start[i] = lunarNewMoonDay(k+i, tz)
	}
	sp.start[sp.n] = b11
	if sp.n == 13 {
		// The leap month is the first one after month 11 that contains no
		// major solar term: the sun is in the same 30° sector at its start
		// and at the start of the next month.
		for i := 1; i < 13; i++ {
			if lunarSunSector(sp.start[i], tz) == lunarSunSector(sp.start[i+1], tz) {
				sp.leap = i
				break
			}
		}
	}
	return sp
}

// lunarSpanFor returns the span that contains the lunar month (year, month, leap):
// months 11 and 12 are at the start of the span of solar year year, months 1
// to 10 in the span of the year before.
func lunarSpanFor(year, month int, tz float64) lunarSpan {
	if month >= 11 {
		return newLunarSpan(year, tz)
	}
	return newLunarSpan(year-1, tz)
}

// findLunarMonth returns the span and index of a lunar month, and false if the
// year has no such month.
func findLunarMonth(year, month int, leap bool, tz float64) (lunarSpan, int, bool) {
	if month < 1 || month > 12 {
		return lunarSpan{}, 0, false
	}
	sp := lunarSpanFor(year, month, tz)
	for i := 0; i < sp.n; i++ {
		y, m, l := sp.month(i)
		if y == year && m == month && l == leap {
			return sp, i, true
		}
	}
	return lunarSpan{}, 0, false
}

func solarToLunar(d Date, tz float64) LunarDate {
	jd := d.JulianDay()
	sp := newLunarSpan(d.Year, tz)
	if jd < sp.start[0] {
		sp = newLunarSpan(d.Year-1, tz)
	}
	i := 0
	for i+1 < sp.n && sp.start[i+1] <= jd {
		i++
	}
	y, m, leap := sp.month(i)
	return LunarDate{Year: y, Month: m, Day: jd - sp.start[i] + 1, Leap: leap}
}

func lunarToSolar(l LunarDate, tz float64) (Date, bool) {
	if l.Day < 1 || l.Day > 30 {
		return Date{}, false
	}
	sp, i, ok := findLunarMonth(l.Year, l.Month, l.Leap, tz)
	if !ok || l.Day > sp.start[i+1]-sp.start[i] {
		return Date{}, false
	}
	return DateFromJulianDay(sp.start[i] + l.Day - 1), true
}

func lunarLeapMonth(year int, tz float64) int {
	// A leap month of lunar year year is either among months 1–10, in the
	// span that starts with month 11 of the solar year before, or a leap
	// month 11 or 12, in the span of solar year year.
	for _, y := range [2]int{year - 1, year} {
		sp := newLunarSpan(y, tz)
		if sp.leap == 0 {
			continue
		}
		if ly, m, _ := sp.month(sp.leap); ly == year {
			return m
		}
	}
	return 0
}

// lunarMonth11 returns the JDN of the first day of the lunar month 11 that
// contains the winter solstice of solar year y: the last new moon before
// 31 December whose day starts with the sun short of 270°.
func lunarMonth11(y int, tz float64) int {
	off := Date{Year: y, Month: 12, Day: 31}.JulianDay() - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := lunarNewMoonDay(k, tz)
	if lunarSunSector(nm, tz) >= 9 { // 270° or more: the solstice is already past
		nm = lunarNewMoonDay(k-1, tz)
	}
	return nm
}

// lunarNewMoonDay returns the JDN of the local day (time zone tz) of the k-th new
// moon after the one of 1 January 1900 (k = 0).
func lunarNewMoonDay(k int, tz float64) int {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries since 1900-01-01 12:00
	t2 := t * t
	t3 := t2 * t
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 = c1 - 0.0004*math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64 // TT − UT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	jdNew := jd1 + c1 - deltaT
	return int(math.Floor(jdNew + 0.5 + tz/24))
}

// lunarSunSector returns which 30° sector (0–11) of the ecliptic the sun is in at
// the start (local midnight, time zone tz) of the day jdn; sector 0 starts at
// the spring equinox, sector 9 at the winter solstice.
func lunarSunSector(jdn int, tz float64) int {
	const dr = math.Pi / 180
	t := (float64(jdn) - 2451545.5 - tz/24) / 36525 // Julian centuries since J2000.0
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly, degrees
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude, degrees
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr // true longitude, radians
	l -= 2 * math.Pi * math.Floor(l/(2*math.Pi))
	return int(math.Floor(l / math.Pi * 6))
}
