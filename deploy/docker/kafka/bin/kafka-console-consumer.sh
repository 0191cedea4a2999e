#!/bin/bash
KAFKA_LOG4J_CONFIG=/opt/kafka/config-defaults/log4j2-tools.properties KAFKA_HEAP_OPTS=-Xmx256m \
  exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
