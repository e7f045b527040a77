#!/bin/sh
# mkcerts.sh DIR [NAME]
#
# Throwaway certificates for loopback tests: a CA and a server certificate for NAME (default "localhost").
#   DIR/ca.crt             the CA certificate: the one thing a client should trust
#   DIR/ca.key             its key; kept, so that further calls with the same DIR sign with the same CA
#   DIR/NAME.crt NAME.key  the server certificate and key (Prosody)
#   DIR/NAME.pem           certificate and key in one file (ejabberd)
# The server certificate names NAME and its usual XMPP components (conference., upload., search.,
# pubsub., proxy.); for NAME=localhost also the address 127.0.0.1. Ask for e.g. "wrong.example" to get a
# certificate that the same CA signed but that does not match the XMPP domain "localhost".
# Optional environment: MKCERTS_SAN overrides the subjectAltName list (e.g. "DNS:a.example,DNS:b.example"),
# MKCERTS_DAYS the validity in days (default 2).
# Only for tests: the keys are unencrypted and world-readable (servers run as their own users).
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "usage: mkcerts.sh DIR [NAME]" >&2; exit 2; fi
DIR=$1
NAME=${2:-localhost}
DAYS=${MKCERTS_DAYS:-2}
case $NAME in
    ''|*/*|*' '*|.*) echo "mkcerts.sh: bad name '$NAME'" >&2; exit 2 ;;
esac
if [ -n "${MKCERTS_SAN:-}" ]; then
    SAN=$MKCERTS_SAN
else
    SAN="DNS:$NAME"
    for sub in conference upload search pubsub proxy; do SAN="$SAN,DNS:$sub.$NAME"; done
    [ "$NAME" = localhost ] && SAN="$SAN,IP:127.0.0.1"
fi

mkdir -p "$DIR"
cd "$DIR"
umask 022
if [ ! -s ca.key ] || [ ! -s ca.crt ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$DAYS" \
        -subj "/CN=Xin Throwaway Test CA" -keyout ca.key -out ca.crt \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        2>/dev/null
fi
TMP=$(mktemp -d ./.mkcerts.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$NAME" \
    -keyout "$TMP/key" -out "$TMP/csr" 2>/dev/null
cat > "$TMP/ext.cnf" <<EOT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=$SAN
EOT
openssl x509 -req -in "$TMP/csr" -CA ca.crt -CAkey ca.key -CAcreateserial -CAserial "$TMP/serial" \
    -days "$DAYS" -extfile "$TMP/ext.cnf" -out "$TMP/crt" 2>/dev/null
mv "$TMP/key" "$NAME.key"
mv "$TMP/crt" "$NAME.crt"
cat "$NAME.crt" "$NAME.key" > "$NAME.pem"
chmod 644 ca.crt "$NAME.crt" "$NAME.key" "$NAME.pem"
chmod 600 ca.key
