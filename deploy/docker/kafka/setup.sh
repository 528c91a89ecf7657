#!/usr/bin/env bash
# Once the compose broker answers: the log's topics and the ACL table, as admin
# (docs/adr/0019-kafka-sasl-tls-acls.md; the same table as deploy/local/stack). Idempotent.
set -euo pipefail

KAFKA=${KAFKA_HOME:-/opt/kafka}
BOOTSTRAP=${NONCOOP_KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
CONFIG=${NONCOOP_KAFKA_ADMIN_CONFIG:-/etc/kafka/noncoop/admin.properties}
PREFIX=noncoop.events.
SERVICES=(referrals good_offices bureau reporting)

for topic in noncoop.events.v1 noncoop.events.v1.dlq; do
  "$KAFKA/bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" \
    --create --if-not-exists --topic "$topic" --partitions 12 \
    --config retention.ms=-1 --config cleanup.policy=delete
done

acl() {
  "$KAFKA/bin/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" \
    --add --resource-pattern-type prefixed "$@" >/dev/null
}
writers=()
for service in "${SERVICES[@]}"; do writers+=(--allow-principal "User:$service"); done
acl "${writers[@]}" --operation Write --topic "$PREFIX"
# Each service checks the topics' settings at start (ADR 0030).
acl "${writers[@]}" --operation DescribeConfigs --topic "$PREFIX"
for service in "${SERVICES[@]}"; do
  # A service's consumer groups are named after it: referrals-..., good-offices-...
  acl --allow-principal "User:$service" --operation Read --operation Describe \
    --topic "$PREFIX" --group "${service//_/-}-"
done
acl --allow-principal User:auditor --operation Read --operation Describe --topic "$PREFIX"
echo "kafka-setup: topics and ACLs in place"
