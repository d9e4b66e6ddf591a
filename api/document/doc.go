// Package document renders the Center's official documents and
// spreadsheets and parses the spreadsheets managers import.
//
// Everything here is pure: roster types and a Settings value in, bytes out
// (or bytes in, parsed rows out). No gin, no store, no clock: the caller
// passes the date a document bears.
//
//   - SchedulePDF: the duty schedule as an administrative document in the form
//     of Decree 30/2020/NĐ-CP (A4 portrait, Liberation Serif, which has the
//     metrics of Times New Roman and is embedded in the binary).
//   - ScheduleXLSX, DutiesXLSX, ReportXLSX and their CSV twins: the same
//     tables as spreadsheets.
//   - ParseOfficers, ParseOutreachPlan and ImportTemplateXLSX: imports.
//
// Every word the documents print is in words.go, in Vietnamese: official
// documents are always in Vietnamese, whatever language the reader's pages use.
package document
