#!/bin/bash
# java -cp '/opt/kafka/libs/*' CLASS ARGS... (what the distribution's kafka-run-class.sh does).
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} \
  -Dlog4j2.configurationFile="${KAFKA_LOG4J_CONFIG:-/opt/kafka/config-defaults/log4j2.properties}" \
  -cp '/opt/kafka/libs/*' "$@"
