#!/bin/bash
# Creates StoreSight's topics on the compose broker (run by the kafka-init service). The list mirrors
# contracts' Topics.ALL; local-kafka's ComposeTopicsTest fails when the two drift apart.
set -euo pipefail
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
TOPICS=/opt/kafka/bin/kafka-topics.sh
create() { # name partitions retention-ms|-
  local config=()
  [[ "$3" != "-" ]] && config=(--config "retention.ms=$3")
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" --partitions "$2" \
    --replication-factor 1 "${config[@]}"
}
create frames 6 600000
create face-observations 6 3600000
create visits 3 -
create customer-events 1 -
create orders 3 -
create frames.dlq 1 600000
create face-observations.dlq 1 3600000
create visits.dlq 1 -
create customer-events.dlq 1 -
create orders.dlq 1 -
echo "topics ready"
