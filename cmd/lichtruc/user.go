package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/term"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

const userUsage = `usage:
  lichtruc user add --name NAME --role manager|officer|reception [--officer-id N] [--db DB]
      makes a user and prints its API token (only this once) on standard output
  lichtruc user password NAME [--db DB]
      reads a new password from standard input (asked twice, not echoed, on a
      terminal), sets it, and ends the user's lock-out and sign-in sessions
`

// cliActor names the command line in the audit trail.
const cliActor = "cli"

// runUser runs "lichtruc user add" and "lichtruc user password".
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return errors.New("user: add or password?")
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], getenv, stdout, stderr)
	case "password":
		return runUserPassword(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	fmt.Fprint(stderr, userUsage)
	return fmt.Errorf("unknown user command %q", args[0])
}

func runUserAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var name, role string
	var officerID int64
	tc, pos, err := parseToolFlags("user add", "user add --name NAME --role manager|officer|reception [--officer-id N] [--db DB]", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the user's sign-in name")
		fs.StringVar(&role, "role", "", "manager, officer or reception")
		fs.Int64Var(&officerID, "officer-id", 0, "the officer this user is (role officer only)")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("user add: unexpected arguments: %s", strings.Join(pos, " "))
	}
	u := roster.User{Name: strings.TrimSpace(name), Role: roster.Role(role)}
	if officerID != 0 {
		u.OfficerID = &officerID
	}
	if err := roster.CheckNewUser(u); err != nil {
		return fieldErrors(err)
	}
	st, err := openToolStore(ctx, tc, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	token := store.NewToken()
	created, err := st.CreateUser(ctx, cliActor, u, store.HashToken(token))
	if err != nil {
		return fieldErrors(err)
	}
	link := ""
	if created.OfficerID != nil {
		link = fmt.Sprintf(", officer %d", *created.OfficerID)
	}
	fmt.Fprintf(stderr, "user %q (id %d, %s%s) created; its API token, shown only this once, follows on standard output.\n"+
		"Give it a password for the pages with: lichtruc user password %s\n", created.Name, created.ID, created.Role, link, created.Name)
	fmt.Fprintln(stdout, token)
	return nil
}

func runUserPassword(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	tc, pos, err := parseToolFlags("user password", "user password NAME [--db DB]", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("usage: lichtruc user password NAME [--db DB] (the password comes on standard input)")
	}
	name := pos[0]
	password, err := readPassword(stdin, stderr, name)
	if err != nil {
		return err
	}
	if err := roster.CheckPassword(password); err != nil {
		return fieldErrors(err)
	}
	st, err := openToolStore(ctx, tc, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	u, sessions, err := st.ResetPassword(ctx, cliActor, name, string(hash))
	if roster.ErrorCode(err) == roster.ENotFound {
		return fmt.Errorf("there is no user named %q (make one with lichtruc user add)", name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "password of %q (%s) set; %d sign-in session(s) ended, lock-out cleared\n", u.Name, u.Role, sessions)
	return nil
}

// readPassword reads a password: on a terminal it asks twice without echo;
// otherwise it takes the first line of stdin (a pipe or a file).
func readPassword(stdin io.Reader, stderr io.Writer, name string) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fd := int(f.Fd())
		fmt.Fprintf(stderr, "New password for %s: ", name)
		p1, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		p2, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ; nothing changed")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("no password on standard input (pipe one line, or run on a terminal)")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// fieldErrors spells out the field errors of an invalid-input error for a
// terminal, naming the flags.
func fieldErrors(err error) error {
	var e *roster.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	flagOf := map[string]string{"officer_id": "--officer-id", "name": "--name", "role": "--role", "password": "password"}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		field := f.Field
		if fl, ok := flagOf[field]; ok {
			field = fl
		}
		parts[i] = field + " " + f.Message
	}
	return errors.New(strings.Join(parts, "; "))
}
