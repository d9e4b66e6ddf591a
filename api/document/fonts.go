package document

import (
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// fontFamily is the family name the PDF uses for Liberation Serif, a free
// font with the metrics of Times New Roman (SIL Open Font License), which
// Decree 30/2020/NĐ-CP asks for. The TTF files are embedded in the binary
// by the go-fonts/liberation module; TestFontCoversVietnamese checks that
// they hold every Vietnamese letter.
const fontFamily = "LiberationSerif"

// fontFaces are the TTF data of each style, by fpdf style string.
func fontFaces() map[string][]byte {
	return map[string][]byte{
		"":   liberationserifregular.TTF,
		"B":  liberationserifbold.TTF,
		"I":  liberationserifitalic.TTF,
		"BI": liberationserifbolditalic.TTF,
	}
}
