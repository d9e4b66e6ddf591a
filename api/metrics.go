package api

import (
	"crypto/subtle"
	"net"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// serveMetrics serves the Prometheus metrics to a scraper that may read
// them (metricsAllowed); a server built without metrics has none (404).
func (s *Server) serveMetrics(c *gin.Context) {
	if s.metrics == nil {
		s.fail(c, roster.Errorf(roster.ENotFound, "this server records no metrics"))
		return
	}
	if err := s.metricsAllowed(c); err != nil {
		s.fail(c, err)
		return
	}
	s.metrics.Handler(s.log).ServeHTTP(c.Writer, c.Request)
}

// metricsAllowed lets through a request that carries the metrics token
// (Config.MetricsToken, compared in constant time) or comes from an
// allowed address (Config.MetricsAllow); with neither configured, only
// requests from loopback. The address is the connection's own, never a
// forwarded header, so a proxy in front must be allowed explicitly.
func (s *Server) metricsAllowed(c *gin.Context) error {
	remote := remoteAddr(c)
	token, allow := s.cfg.MetricsToken, s.cfg.MetricsAllow
	if token == "" && len(allow) == 0 {
		if remote.IsValid() && remote.IsLoopback() {
			return nil
		}
		return roster.Errorf(roster.EForbidden, "metrics are served to loopback only: set LICHTRUC_METRICS_TOKEN or LICHTRUC_METRICS_ALLOW")
	}
	for _, p := range allow {
		if remote.IsValid() && p.Contains(remote) {
			return nil
		}
	}
	if token != "" {
		scheme, got, ok := strings.Cut(c.GetHeader("Authorization"), " ")
		if ok && strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1 {
			return nil
		}
		return roster.Errorf(roster.EUnauthorized, "metrics need the metrics bearer token")
	}
	return roster.Errorf(roster.EForbidden, "this address may not read the metrics")
}

// remoteAddr is the address of the connection's peer (invalid if unknown).
func remoteAddr(c *gin.Context) netip.Addr {
	host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
	if err != nil {
		host = c.Request.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

// ParseMetricsAllow parses LICHTRUC_METRICS_ALLOW: a comma list of
// addresses (10.0.0.5, ::1) and networks (10.0.0.0/24).
func ParseMetricsAllow(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.Contains(part, "/") {
			p, err := netip.ParsePrefix(part)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, err
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
