#!/bin/bash
# Entry point of rc-local/kafka: write server.properties from the defaults and the KAFKA_<NAME>
# variables, format the storage once (CLUSTER_ID), then run the broker in the foreground.
set -euo pipefail

props=/opt/kafka/config/server.properties
declare -A conf=()
while IFS='=' read -r key value; do
  case "$key" in ''|\#*) continue ;; esac
  conf["$key"]="$value"
done < /opt/kafka/config-defaults/server.properties

# Not broker properties: the JVM's and this script's own variables.
skip=" KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_JVM_PERFORMANCE_OPTS KAFKA_LOG4J_OPTS KAFKA_LOG4J_CONFIG KAFKA_GC_LOG_OPTS KAFKA_JMX_OPTS KAFKA_DEBUG KAFKA_VERSION "
while IFS= read -r name; do
  case "$skip" in *" $name "*) continue ;; esac
  key="${name#KAFKA_}"
  key="${key//___/-}"
  key="${key//__/@}"
  key="${key//_/.}"
  key="${key//@/_}"
  conf["${key,,}"]="${!name}"
done < <(compgen -e | grep '^KAFKA_' || true)

: > "$props"
for key in "${!conf[@]}"; do
  printf '%s=%s\n' "$key" "${conf[$key]}" >> "$props"
done

log_dirs="${conf[log.dirs]}"
if [ ! -f "${log_dirs%%,*}/meta.properties" ]; then
  KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool format \
    --ignore-formatted --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}" --config "$props"
fi
exec /opt/kafka/bin/kafka-run-class.sh ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20} kafka.Kafka "$props"
