#!/usr/bin/env bash
# The compose broker's first start (docs/adr/0019-kafka-sasl-tls-acls.md), in the apache/kafka
# image, as root, before the broker: a CA of this deployment and the broker's certificate
# (keytool), the broker's config, and the storage formatted with the SCRAM users. Each step is
# skipped when already done, so a second `docker compose up` changes nothing.
set -euo pipefail

BROKER=${NONCOOP_KAFKA_BROKER_DIR:-/etc/kafka/noncoop} # keystore, config: the broker's only
CA_DIR=${NONCOOP_KAFKA_CA_DIR:-/etc/kafka/ca}          # ca.pem: every client mounts it
DATA=${NONCOOP_KAFKA_DATA_DIR:-/var/lib/kafka/data}
KAFKA=${KAFKA_HOME:-/opt/kafka}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PRINCIPALS=(admin referrals good_offices bureau reporting auditor)

password_of() {
  local upper
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$1")
  case "$1" in
    admin | auditor) printenv "NONCOOP_KAFKA_${upper}_PASSWORD" ;;
    *) printenv "${upper}_KAFKA_PASSWORD" ;;
  esac
}
for principal in "${PRINCIPALS[@]}"; do
  [ -n "$(password_of "$principal")" ] || {
    echo "kafka-init: no password for $principal (eval \"\$(deploy/docker/kafka-credentials)\")" >&2
    exit 1
  }
done
store_password=${NONCOOP_KAFKA_KEYSTORE_PASSWORD:?set NONCOOP_KAFKA_KEYSTORE_PASSWORD}

umask 077
mkdir -p "$BROKER" "$CA_DIR" "$DATA"
if [ ! -s "$BROKER/broker.p12" ] || [ ! -s "$CA_DIR/ca.pem" ]; then
  echo "kafka-init: making the CA and the broker's certificate (CN=noncoop-kafka)"
  rm -f "$BROKER/ca.p12" "$BROKER/broker.p12"
  store=(-storetype PKCS12 -storepass "$store_password")
  keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=noncoop Kafka CA" \
    -ext bc:c -validity 3650 -keystore "$BROKER/ca.p12" "${store[@]}"
  keytool -exportcert -rfc -alias ca -keystore "$BROKER/ca.p12" "${store[@]}" -file "$CA_DIR/ca.pem"
  keytool -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -dname "CN=noncoop-kafka" \
    -validity 825 -keystore "$BROKER/broker.p12" "${store[@]}"
  keytool -certreq -alias kafka -keystore "$BROKER/broker.p12" "${store[@]}" -file "$BROKER/broker.csr"
  keytool -gencert -alias ca -keystore "$BROKER/ca.p12" "${store[@]}" -rfc -validity 825 \
    -infile "$BROKER/broker.csr" -outfile "$BROKER/broker.pem" \
    -ext "SAN=dns:kafka,dns:localhost,ip:127.0.0.1" -ext "EKU=serverAuth,clientAuth" \
    -ext "KU=digitalSignature"
  keytool -importcert -noprompt -alias ca -file "$CA_DIR/ca.pem" -keystore "$BROKER/broker.p12" "${store[@]}"
  keytool -importcert -alias kafka -file "$BROKER/broker.pem" -keystore "$BROKER/broker.p12" "${store[@]}"
  rm -f "$BROKER/broker.csr"
fi

# The config and the admin tools' client config, from the passwords of this `up`.
admin_password=$(password_of admin)
sed -e "s|@ADMIN_PASSWORD@|$admin_password|g" -e "s|@KEYSTORE_PASSWORD@|$store_password|g" \
  -e "s|@BROKER_DIR@|$BROKER|g" -e "s|@CA_DIR@|$CA_DIR|g" -e "s|@DATA_DIR@|$DATA|g" \
  "$HERE/server.properties" >"$BROKER/server.properties"
{
  printf 'security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n'
  printf 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%s";\n' \
    "$admin_password"
  printf 'ssl.truststore.type=PEM\nssl.truststore.location=%s/ca.pem\n' "$CA_DIR"
} >"$BROKER/admin.properties"

if [ ! -f "$DATA/meta.properties" ]; then
  [ -s "$BROKER/cluster-id" ] || "$KAFKA/bin/kafka-storage.sh" random-uuid >"$BROKER/cluster-id"
  echo "kafka-init: formatting the log with SCRAM users ${PRINCIPALS[*]}"
  scram=()
  for principal in "${PRINCIPALS[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(password_of "$principal")]")
  done
  "$KAFKA/bin/kafka-storage.sh" format -t "$(cat "$BROKER/cluster-id")" \
    -c "$BROKER/server.properties" --ignore-formatted "${scram[@]}"
fi

# The broker runs as the image's user; every client reads the CA.
owner=$(id -u appuser 2>/dev/null || echo 1000)
chown -R "$owner:$owner" "$BROKER" "$DATA"
chmod 0755 "$CA_DIR"
chmod 0644 "$CA_DIR/ca.pem"
echo "kafka-init: done"
