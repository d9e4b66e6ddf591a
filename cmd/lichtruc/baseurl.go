package main

import (
	"fmt"
	"log/slog"
	"net"
	"strings"
)

// baseURLFromAddr is the base URL when LICHTRUC_BASE_URL is unset: the
// listen address as this machine's browser reaches it, so that every link
// works on whatever port the service listens (":9090" →
// http://localhost:9090). Behind a proxy or on another machine, set
// LICHTRUC_BASE_URL.
func baseURLFromAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("LICHTRUC_ADDR %q must be host:port or :port", addr)
	}
	switch host {
	case "", "0.0.0.0", "::", "[::]":
		host = "localhost"
	}
	if strings.Contains(host, ":") { // an IPv6 address
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + port, nil
}

// logBaseURL says plainly at start-up which base URL links use, and where
// it came from.
func logBaseURL(log *slog.Logger, cfg Config) {
	if cfg.BaseURLFromAddr {
		log.Info("links in feeds, boards and e-mails use " + cfg.BaseURL + " (LICHTRUC_BASE_URL is unset, so it follows the listen address; set it when people reach the service by another name)")
		return
	}
	log.Info("links in feeds, boards and e-mails use " + cfg.BaseURL + " (LICHTRUC_BASE_URL)")
}
