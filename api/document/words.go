package document

import "lichtruc/roster/catalog"

// vi is the vocabulary of the documents, from the catalog: official
// documents are always in Vietnamese.
var vi = catalog.Doc()
