package catalog

// resultPageWords are the words of the pages of duty results, custody
// requests, the case register and the year report.
var resultPageWords = map[string][2]string{}
