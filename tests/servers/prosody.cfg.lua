-- Throwaway Prosody 13 configuration for Xin's integration tests and demo server (Debian 13 packages
-- prosody + prosody-modules). Every listener is on 127.0.0.1; there is no federation at all.
--
-- Everything variable comes from the environment, so one file serves every test (the C++ fixture
-- tests/support/ProsodyServer and scripts/demo-server set these; prosodyctl needs the same environment):
--   XT_DIR            writable directory for data, logs and the upload store (required)
--   XT_DOMAIN         the XMPP domain (default "localhost"; components are conference.<domain> and
--                     upload.<domain>)
--   XT_C2S_PORT       STARTTLS (or, without TLS, plain) c2s port (required)
--   XT_C2S_TLS_PORT   Direct TLS c2s port, XEP-0368 (required with TLS)
--   XT_HTTP_PORT      plain HTTP port (required)
--   XT_HTTPS_PORT     HTTPS port, used for XEP-0363 upload URLs (required with TLS)
--   XT_TLS            "0" switches TLS off completely: no certificate, no <starttls/>, no Direct TLS, no
--                     HTTPS, c2s_require_encryption = false and PLAIN allowed in the clear -- for testing
--                     that a client refuses to authenticate without TLS. Anything else (or unset): TLS on.
--   XT_CERT, XT_KEY   PEM certificate and key (required with TLS). The certificate may be for another name
--                     than XT_DOMAIN (tests of certificate name checks): it is used as given.
--   XT_TSEP_HASH      hex SHA-256 of the certificate's DER encoding, for tls-server-end-point channel
--                     binding (Prosody 13.0.1's "auto" only works for the first TLS connection after start):
--                       openssl x509 -in "$XT_CERT" -outform DER | sha256sum
--   optional:
--   XT_AUTH           internal_hashed (default; one SCRAM hash per account) | internal_plain (SCRAM-SHA-1,
--                     SCRAM-SHA-256 and their -PLUS variants, and PLAIN)
--   XT_PASSWORD_HASH  SHA-1 (default) | SHA-256: the hash internal_hashed stores and offers
--   XT_LOGLEVEL       debug | info (default) | warn | error  (the log is XT_DIR/prosody.log)
--   XT_SMACKS_HIBERNATION  seconds a dropped XEP-0198 session can be resumed (default 600); tests that
--                     outlast the resumption window set a few
--   XT_COMPONENT_SECRET  set: an XEP-0114 external component "bots.<domain>" with that secret, accepted on
--                     127.0.0.1:XT_COMPONENT_PORT (then required); benchmarks use it to be thousands of
--                     contacts over one connection. Unset: no component and no component port.
--
-- Start in the foreground as an unprivileged user (Prosody refuses to run as root), e.g. as root:
--   setpriv --reuid=prosody --regid=prosody --init-groups prosody --config "$PWD/prosody.cfg.lua" -F
-- Users can be created offline before the start:
--   setpriv ... prosodyctl --config "$PWD/prosody.cfg.lua" register alice localhost secret

local env_string = function(name, default)
	local value = Lua.os.getenv(name)
	if value == nil or value == "" then
		if default == nil then
			Lua.error("prosody.cfg.lua: the environment variable " .. name .. " is not set")
		end
		return default
	end
	return value
end
local env_port = function(name)
	local port = Lua.tonumber(env_string(name))
	if port == nil then Lua.error("prosody.cfg.lua: " .. name .. " is not a port number") end
	return port
end

local dir = env_string("XT_DIR")
local domain = env_string("XT_DOMAIN", "localhost")
local tls = env_string("XT_TLS", "1") ~= "0"

-- Listeners: loopback only.
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { env_port("XT_C2S_PORT") }
s2s_ports = { }                -- no federation
local bots_secret = env_string("XT_COMPONENT_SECRET", "")
if bots_secret ~= "" then
	component_ports = { env_port("XT_COMPONENT_PORT") }
	component_interfaces = { "127.0.0.1" }
end
http_interfaces = { "127.0.0.1" }
http_ports = { env_port("XT_HTTP_PORT") }
http_default_host = domain
if tls then
	c2s_direct_tls_ports = { env_port("XT_C2S_TLS_PORT") }
	https_interfaces = { "127.0.0.1" }
	https_ports = { env_port("XT_HTTPS_PORT") }
	-- URLs handed out by mod_http_file_share. Keep the plain domain: glibc does not resolve *.localhost.
	http_external_url = "https://" .. domain .. ":" .. env_string("XT_HTTPS_PORT") .. "/"
else
	c2s_direct_tls_ports = { }
	https_ports = { }
	http_external_url = "http://" .. domain .. ":" .. env_string("XT_HTTP_PORT") .. "/"
end

-- Everything Prosody writes stays under XT_DIR.
data_path = dir .. "/data"
pidfile = dir .. "/prosody.pid"
log = {
	{ levels = { min = env_string("XT_LOGLEVEL", "info") }, to = "file", filename = dir .. "/prosody.log" };
	{ levels = { min = "error" }, to = "console" };
}
plugin_paths = { "/usr/lib/prosody/modules" }  -- where Debian's prosody-modules installs

if tls then
	certificates = dir           -- keeps certmanager from indexing /etc/prosody/certs; ssl below wins
	ssl = { certificate = env_string("XT_CERT"), key = env_string("XT_KEY") }
	https_ssl = { certificate = env_string("XT_CERT"), key = env_string("XT_KEY") }
	c2s_require_encryption = true
	-- SCRAM-*-PLUS with tls-server-end-point: give the hash explicitly (see XT_TSEP_HASH above).
	-- tls-exporter (TLS 1.3) and tls-unique (TLS 1.2) are offered automatically.
	tls_server_end_point_hash = env_string("XT_TSEP_HASH")
else
	certificates = dir           -- holds no certificate in this mode
	c2s_require_encryption = false
	allow_unencrypted_plain_auth = true
	insecure_sasl_mechanisms = { }           -- offer every mechanism, PLAIN too, in the clear
end

-- Storage and authentication. internal_hashed stores ONE SCRAM hash (SHA-1 by default; password_hash =
-- "SHA-256" switches it, then only SCRAM-SHA-256[-PLUS] is offered); internal_plain offers SCRAM-SHA-1 and
-- SCRAM-SHA-256 (+ -PLUS) and PLAIN. Prosody has no SCRAM-SHA-512. Never rely on the mechanism order.
authentication = env_string("XT_AUTH", "internal_hashed")
password_hash = env_string("XT_PASSWORD_HASH", "SHA-1")
default_storage = "internal"   -- flat files under data_path; MAM works with it
-- Benchmarks may keep the archive in memory, or have none ("off": no mod_mam, as in Prosody's default
-- configuration). With a stanza-id, the internal store loads an account's whole archive file for every
-- item it appends, and the memory store grows the heap Lua's collector walks: either way the server, not
-- the client, becomes the slow side of a message flood.
local archive_storage = env_string("XT_ARCHIVE_STORAGE", "internal")
storage = { archive = archive_storage == "memory" and "memory" or "internal" }
default_archive_policy = true  -- archive every 1:1 chat (MAM) without client preferences
archive_expires_after = "1d"

smacks_hibernation_time = Lua.tonumber(env_string("XT_SMACKS_HIBERNATION", "600"))

allow_registration = true      -- XEP-0077 in-band registration; 127.0.0.1 is not throttled
min_seconds_between_registrations = 0

contact_info = {               -- XEP-0157
	admin = { "xmpp:admin@" .. domain, "mailto:admin@" .. domain };
	abuse = { "mailto:abuse@" .. domain };
}

local modules = {
	"roster"; "saslauth"; "disco"; "ping"; "time"; "version"; "uptime"; "lastactivity";
	"register";                -- XEP-0077: registration, password change, cancellation
	"blocklist";               -- XEP-0191
	"carbons";                 -- XEP-0280
	"pep"; "private"; "bookmarks"; -- XEP-0163, 0049, 0402 (+ #compat with 0048)
	"vcard4"; "vcard_legacy";  -- XEP-0054 <-> PEP, XEP-0398 avatar conversion
	"smacks";                  -- XEP-0198 (resumption for XT_SMACKS_HIBERNATION s, default 600)
	"csi_simple";              -- XEP-0352
	"server_contact_info";     -- XEP-0157
	"http";
	"admin_adhoc";
	"account_activity";
	-- from prosody-modules:
	"sasl2"; "sasl2_bind2"; "sasl2_sm"; "sasl2_fast"; -- XEP-0388, 0386, inline 0198, 0484
}
if archive_storage ~= "off" then
	modules[#modules + 1] = "mam"  -- XEP-0313 (+ XEP-0359 stanza-id)
end
local disabled = { "s2s"; "s2s_auth_certs"; "dialback" }
if tls then
	modules[#modules + 1] = "tls"
else
	disabled[#disabled + 1] = "tls"
end
modules_enabled = modules
modules_disabled = disabled

VirtualHost (domain)

Component ("conference." .. domain) "muc"
	modules_enabled = { "muc_mam" } -- XEP-0313 for rooms; XEP-0410 self-ping is built in
	muc_room_default_persistent = false
	restrict_room_creation = false

Component ("upload." .. domain) "http_file_share" -- XEP-0363 over https_ports (http_ports without TLS)
	http_file_share_size_limit = 10485760
	http_file_share_expires_after = "1d"
	http_host = domain

if bots_secret ~= "" then   -- last: every option after a Component line belongs to it
	Component ("bots." .. domain)
		component_secret = bots_secret   -- a local of the same name would shadow the option
end
