#!/bin/bash
KAFKA_LOG4J_CONFIG=/opt/kafka/config-defaults/log4j2-tools.properties KAFKA_HEAP_OPTS=-Xmx128m \
  exec /opt/kafka/bin/kafka-run-class.sh kafka.admin.ConfigCommand "$@"
