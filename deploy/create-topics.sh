#!/bin/bash
# Creates StoreSight's topics on the compose broker (run by the kafka-init service at every `docker compose up`) and
# brings the settings of existing ones up to date, so that an install from an earlier version gets today's retention.
# The list mirrors contracts' Topics.ALL; local-kafka's ComposeTopicsTest fails when the two drift apart.
set -euo pipefail
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
TOPICS=/opt/kafka/bin/kafka-topics.sh
CONFIGS=/opt/kafka/bin/kafka-configs.sh
create() { # name partitions key=value,key=value
  local config=() pairs=() pair
  IFS=, read -ra pairs <<< "$3"
  for pair in "${pairs[@]}"; do config+=(--config "$pair"); done
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" --partitions "$2" \
    --replication-factor 1 "${config[@]}"
  "$CONFIGS" --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$1" --add-config "$3" \
    >/dev/null
}
create frames 6 retention.ms=600000,segment.ms=60000,segment.bytes=67108864
create frames.dlq 1 retention.ms=600000,segment.ms=60000,segment.bytes=67108864
create face-observations 6 retention.ms=3600000,segment.ms=600000,segment.bytes=67108864
create face-observations.dlq 1 retention.ms=3600000,segment.ms=600000,segment.bytes=67108864
create face-identities 6 retention.ms=600000,segment.ms=60000,segment.bytes=67108864
create face-identities.dlq 1 retention.ms=600000,segment.ms=60000,segment.bytes=67108864
create visits 3 retention.ms=259200000,segment.ms=3600000,segment.bytes=67108864,flush.messages=1
create visits.dlq 1 retention.ms=259200000,segment.ms=3600000,segment.bytes=67108864,flush.messages=1
create customer-events 1 retention.ms=259200000,segment.ms=3600000,segment.bytes=67108864,flush.messages=1
create customer-events.dlq 1 retention.ms=259200000,segment.ms=3600000,segment.bytes=67108864,flush.messages=1
create orders 3 retention.ms=604800000,segment.ms=86400000,segment.bytes=67108864,flush.messages=1
create orders.dlq 1 retention.ms=604800000,segment.ms=86400000,segment.bytes=67108864,flush.messages=1
echo "topics ready"
