package roster

import "slices"

// DocumentSettings are the Center's settings for its official documents:
// who issues them, where, under what number and who signs.
type DocumentSettings struct {
	Authority    string   `json:"authority"`     // the body above the issuer: "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG"
	Issuer       string   `json:"issuer"`        // the issuing body, printed bold; "\n" breaks its line where the Center wants it
	Place        string   `json:"place"`         // where the document is issued: "Hải Phòng"
	NumberSuffix string   `json:"number_suffix"` // after the number: "LT-TTTGPL" gives "Số: 12/LT-TTTGPL"
	SignerTitle  []string `json:"signer_title"`  // lines above the signature: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
	SignerName   string   `json:"signer_name"`   // the signer's full name, under the signature
	Recipients   []string `json:"recipients"`    // "Nơi nhận" lines, each printed after "- "
}

// DefaultDocumentSettings are the document settings of the State Legal Aid
// Center of Hai Phong, without a signer's name: data, which a manager
// changes in the Center's settings.
func DefaultDocumentSettings() DocumentSettings {
	return DocumentSettings{
		Authority:    "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG",
		Issuer:       "TRUNG TÂM TRỢ GIÚP PHÁP LÝ\nNHÀ NƯỚC",
		Place:        "Hải Phòng",
		NumberSuffix: "LT-TTTGPL",
		SignerTitle:  []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
		Recipients:   []string{"Tòa án nhân dân thành phố Hải Phòng;", "Sở Tư pháp (để báo cáo);", "Giám đốc Trung tâm;", "Lưu: VT, NV."},
	}
}

// Clone returns a copy of s that shares no slice with it.
func (s DocumentSettings) Clone() DocumentSettings {
	s.SignerTitle = slices.Clone(s.SignerTitle)
	s.Recipients = slices.Clone(s.Recipients)
	return s
}
