package main

import (
	"bytes"
	"testing"
)

func TestBaseURLFollowsTheListenAddress(t *testing.T) {
	for _, tt := range []struct {
		addr, want string
	}{
		{":8080", "http://localhost:8080"},
		{":9090", "http://localhost:9090"},
		{"0.0.0.0:8081", "http://localhost:8081"},
		{"[::]:8082", "http://localhost:8082"},
		{"127.0.0.1:8083", "http://127.0.0.1:8083"},
		{"[::1]:8084", "http://[::1]:8084"},
		{"lichtruc.lan:80", "http://lichtruc.lan:80"},
	} {
		got, err := baseURLFromAddr(tt.addr)
		if err != nil || got != tt.want {
			t.Errorf("baseURLFromAddr(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
	for _, bad := range []string{"8080", "", "localhost"} {
		if _, err := baseURLFromAddr(bad); err == nil {
			t.Errorf("baseURLFromAddr(%q): expected an error", bad)
		}
	}

	env := map[string]string{"LICHTRUC_ADDR": ":9090"}
	cfg, err := parseConfig("serve", nil, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil || cfg.BaseURL != "http://localhost:9090" || !cfg.BaseURLFromAddr {
		t.Fatalf("unset LICHTRUC_BASE_URL with --addr :9090: %q %v %v", cfg.BaseURL, cfg.BaseURLFromAddr, err)
	}
	cfg, err = parseConfig("serve", []string{"--addr", ":7070"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil || cfg.BaseURL != "http://localhost:7070" {
		t.Fatalf("--addr :7070: %q %v", cfg.BaseURL, err)
	}
	env["LICHTRUC_BASE_URL"] = "https://lichtruc.example.vn/"
	cfg, err = parseConfig("serve", nil, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil || cfg.BaseURL != "https://lichtruc.example.vn" || cfg.BaseURLFromAddr {
		t.Fatalf("set LICHTRUC_BASE_URL: %q %v %v", cfg.BaseURL, cfg.BaseURLFromAddr, err)
	}
}
