"""A single-node Apache Kafka broker (KRaft, no ZooKeeper) on the local JVM, without containers.

The broker jars come from Maven Central: ``deploy/local/kafka/pom.xml`` declares
``org.apache.kafka:kafka_2.13`` plus a log4j2 backend, and :func:`ensure_jars` copies the runtime
dependencies into ``<state>/kafka/lib`` once. :func:`start` then formats the storage (once) and runs
``java -cp '<state>/kafka/lib/*' kafka.Kafka server.properties`` as a detached process.

Layout under ``<state>/kafka``::

    lib/                 broker jars (+ .resolved marker)
    config/server.properties
    data/                log.dirs (KRaft metadata log and topic data)
    logs/server.log      broker log (INFO), logs/kafka.out (JVM stdout/stderr, WARN+)
    kafka.pid            pid of the running broker
    run.json             ports of the last start
    cluster.id           the cluster id used to format the storage

The package is split by concern: :mod:`~rc_local.kafka.jars` (Java, Maven resolution),
:mod:`~rc_local.kafka.storage` (``server.properties``, cluster id, storage format),
:mod:`~rc_local.kafka.security` (SCRAM credentials, TLS keystore), :mod:`~rc_local.kafka.process`
(start, stop, status) and :mod:`~rc_local.kafka.probe` (an aiokafka connection, with TLS and the
SASL/SCRAM login when the listener wants them, and one Metadata request).

Requirements: Java 17+ (``JAVA_HOME`` or ``java`` on ``PATH``) and Maven (``mvn`` on ``PATH``)
for the first resolution. Environment knobs:

* ``RC_KAFKA_VERSION``: Kafka version to resolve instead of the pom default (4.1.1).
* ``RC_MAVEN_OFFLINE=1``: run Maven with ``-o`` (everything must be in ``~/.m2`` already).
* ``RC_MAVEN_ARGS``: extra arguments for Maven (e.g. ``-s /path/settings.xml``); ``MAVEN_OPTS`` is
  passed through as usual.
* ``KAFKA_HEAP_OPTS`` / ``KAFKA_JVM_OPTS``: JVM heap / extra JVM options for the broker.

Security (optional; by default the client listener is PLAINTEXT, as before):

* ``start(..., scram_users={"alice": "secret"})`` makes the client listener ``SASL_PLAINTEXT`` with
  SCRAM-SHA-512 and SCRAM-SHA-256 (``sasl_mechanisms=``) and no PLAINTEXT client listener at all.
  The users' SCRAM credentials (plus an internal ``rc-local-broker`` user, the inter-broker
  identity also used by :func:`status` to probe) are written into the KRaft metadata log when the
  storage is formatted (``kafka-storage format --add-scram 'SCRAM-SHA-512=[name=..,iterations=..,
  salt="..",saltedpassword=".."]'``; salted here, so no plain password reaches a command line).
  Users therefore exist from the first start; a later start with other users or passwords raises
  :class:`KafkaError` (use a fresh state dir). No authorizer: every authenticated user may do
  everything. The controller listener stays PLAINTEXT (on 127.0.0.1).
* ``start(..., tls_port=N)`` adds a TLS listener (``SASL_SSL`` with SCRAM users, else ``SSL``) with
  a self-signed CA and broker certificate made once by ``keytool`` (IP:127.0.0.1, DNS:localhost);
  clients verify it with :func:`ca_file` (PEM).
* Secrets (broker password, keystore password, salted SCRAM records) live in
  ``<state>/kafka/security.json`` and ``config/server.properties``, both mode 0600.
"""

from rc_local.kafka.common import (
    BROKER_USER,
    DEFAULT_CONTROLLER_PORT,
    DEFAULT_PORT,
    SCRAM_MECHANISMS,
    KafkaAuthenticationError,
    KafkaError,
    ca_file,
)
from rc_local.kafka.jars import ensure_jars
from rc_local.kafka.probe import BrokerMetadata, ClientSecurity, probe
from rc_local.kafka.process import KafkaStatus, start, status, stop
from rc_local.kafka.storage import new_cluster_id

__all__ = [
    "BROKER_USER",
    "DEFAULT_CONTROLLER_PORT",
    "DEFAULT_PORT",
    "SCRAM_MECHANISMS",
    "BrokerMetadata",
    "ClientSecurity",
    "KafkaAuthenticationError",
    "KafkaError",
    "KafkaStatus",
    "ca_file",
    "ensure_jars",
    "new_cluster_id",
    "probe",
    "start",
    "status",
    "stop",
]
