package roster

import "time"

// SwapKind says what a swap request asks of the colleague.
type SwapKind string

// Swap kinds.
const (
	SwapTake     SwapKind = "take"     // the colleague takes the duty
	SwapExchange SwapKind = "exchange" // the colleague takes the duty and gives one of theirs in return
)

// SwapStatus is the state of a swap request.
type SwapStatus string

// Swap states. Pending waits for the colleague; AwaitingApproval waits for a
// manager (sites that require approval); Applied means the duties changed
// hands; the others end the request without change.
const (
	SwapPending          SwapStatus = "pending"
	SwapAwaitingApproval SwapStatus = "awaiting_approval"
	SwapApplied          SwapStatus = "applied"
	SwapDeclined         SwapStatus = "declined"
	SwapRejected         SwapStatus = "rejected"
	SwapCancelled        SwapStatus = "cancelled"
	SwapFailed           SwapStatus = "failed"
)

// Open reports whether the request still waits for someone.
func (s SwapStatus) Open() bool { return s == SwapPending || s == SwapAwaitingApproval }

// SwapRequest is an officer asking a colleague to take or exchange a duty.
type SwapRequest struct {
	ID                   int64
	Kind                 SwapKind
	AssignmentID         int64
	AssignmentVersion    int // the duty's version when asked: a changed duty voids the request
	FromOfficerID        int64
	ToOfficerID          int64
	ExchangeAssignmentID *int64 // the colleague's duty given in return (exchange)
	ExchangeVersion      int
	Message              string
	Status               SwapStatus
	Reason               string // why it ended as it did (declined, failed, ...)
	CreatedBy            string
	DecidedBy            string
	CreatedAt            time.Time
	UpdatedAt            time.Time
}
