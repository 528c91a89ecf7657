# shellcheck shell=bash
# What deploy/local/stack (one broker) and deploy/local/cluster (three) share: sourced, never run.
# Secured like production (docs/adr/0019-kafka-sasl-tls-acls.md): one local CA, one certificate
# for every listener on 127.0.0.1, SCRAM users created when the storage is formatted, one ACL
# table. Why one file: docs/adr/0031-local-three-broker-cluster.md.
#
# The caller sets, before sourcing:
#   PROG            its name, for error messages ("stack", "cluster")
#   HERE            deploy/local
#   DEFAULT_RUN     the checkout's .run (the jars and mvn's log live there)
#   KAFKA_LIBS      the folder of the Kafka jars
#   KAFKA_SECRETS   the folder of the CA, the broker's certificate and the passwords (mode 0700)
# and calls kafka_cds_init before starting JVMs (without it they start without class archives);
# KAFKA_CDS_AT_EXIT=0 keeps its brokers from dumping their classes as they stop (see below).

KAFKA_MECHANISM=SCRAM-SHA-512
# The SCRAM users: admin (super user: topics, ACLs), one per service, auditor (reads only).
KAFKA_SERVICES=(referrals good_offices bureau reporting)
KAFKA_PRINCIPALS=(admin "${KAFKA_SERVICES[@]}" auditor)
# Every topic of the log shares this prefix: the log, its dead-letter topic, the tests' topics.
KAFKA_TOPIC_PREFIX=noncoop.events.
TOPICS=(noncoop.events.v1 noncoop.events.v1.dlq)
TOPIC_PARTITIONS=12

say() { printf '%s\n' "$*"; }
die() {
  printf '%s: error: %s\n' "$PROG" "$*" >&2
  exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }

# True when process $1 runs and its command line contains $2. A zombie (killed, not yet reaped by
# init) counts as gone, and so does a recycled pid.
alive() {
  local state
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  state=$(sed 's/^.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Who listens on a port, for error messages (best effort: ss may be missing).
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1
}

apt_install() {
  local cmd=(env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get)
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    cmd=(sudo "${cmd[@]}")
  fi
  say "apt: installing $*"
  "${cmd[@]}" update -qq
  "${cmd[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
}

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }

# The broker's jars come from Maven Central through mvn (cached in ~/.m2), never from the repo.
install_kafka_jars() {
  local pom=$HERE/kafka/pom.xml stamp=$KAFKA_LIBS/.complete mvn_log=$DEFAULT_RUN/kafka/mvn.log
  if [ -f "$stamp" ] && [ "$stamp" -nt "$pom" ]; then return 0; fi
  say "kafka: fetching jars (mvn dependency:copy-dependencies)"
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS" "$(dirname "$mvn_log")"
  if ! mvn -B -q -f "$pom" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    die "mvn could not fetch the Kafka jars (above, all in .run/kafka/mvn.log)"
  fi
  ls "$KAFKA_LIBS"/kafka_2.13-*.jar >/dev/null 2>&1 || die "mvn ran but no kafka_2.13 jar in $KAFKA_LIBS"
  touch "$stamp"
}

# ---------------------------------------------------------------------------------------------
# Class data archives (docs/adr/0043-kafka-class-data-archive.md). Much of a JVM's start is
# loading, parsing and verifying classes: the broker spends 5-6 s of CPU before it opens its
# port, a tool 1.3-1.8 s. A dynamic CDS archive holds them ready, mapped at the next start: a
# third less CPU for the broker, almost half for a tool. One archive per program (the broker,
# each tool class), made by the first run that has none, in $KAFKA_LIBS/cds/<the JVM's build>/:
# gone with the jars when they are fetched again, and a new Java (whose JVM would refuse an older
# archive, with a warning, forever) makes its own. Java 17 has no -XX:+AutoCreateSharedArchive
# (JDK 19), hence the dumping and checking by hand. NONCOOP_JAVA_CDS=0: no archive used or made
# (the JVMs start as before; not NONCOOP_KAFKA_*: the fault suite keeps those, the shared
# broker's, away from its private stack).

# Sets KAFKA_CDS_DIR to this JVM's archive folder (made if missing), or to nothing when the
# archives are off or the jars' folder is not writable (a NONCOOP_KAFKA_LIBS given read-only).
kafka_cds_init() {
  local key
  KAFKA_CDS_DIR=
  [ "${NONCOOP_JAVA_CDS:-1}" != 0 ] || return 0
  key=$(java -version 2>&1 | cksum | cut -d' ' -f1) || return 0
  mkdir -p "$KAFKA_LIBS/cds/$key" 2>/dev/null && [ -w "$KAFKA_LIBS/cds/$key" ] || return 0
  # Another Java's archives (an upgrade): never mapped again. An interrupted dump's file (a JVM
  # killed while writing one; a dump takes seconds): never renamed into place.
  find "$KAFKA_LIBS/cds" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} + 2>/dev/null ||
    true
  find "$KAFKA_LIBS/cds/$key" -name '*.tmp' -mmin +30 -delete 2>/dev/null || true
  KAFKA_CDS_DIR=$KAFKA_LIBS/cds/$key
}

# The file a JVM dumps a new version of archive $1 into: beside it (so the rename is atomic),
# unique (the ACL commands, the cluster's brokers run side by side).
kafka_cds_tmp() { mktemp -u --suffix=.tmp "$1.XXXXXXXX"; }

# Puts a new archive ($1, "<archive>.<random>.tmp") in place if a JVM maps it and its checksums
# hold, else drops it. Never a half-written archive: the JVM maps it without checking by default,
# and one cut short crashes it (SIGBUS), whereas a missing one is skipped and a mismatched one
# refused with a warning. Here a bad one fails the check (-Xshare:on) or crashes the checking JVM
# (no hs_err file, no core; in a subshell, so its shell's "Aborted" goes to /dev/null too). The
# rename is atomic: a JVM starting meanwhile maps the old file or the new one (the last rename
# wins), and one running keeps the file it mapped. Never write into an archive in place: a
# running JVM reads its pages from the file (a test that copied over one crashed the broker).
kafka_cds_publish() {
  local tmp=$1
  if [ -s "$tmp" ] && (java -Xshare:on -XX:+VerifySharedSpaces -XX:SharedArchiveFile="$tmp" \
    -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash -cp "$KAFKA_LIBS/*" -version) \
    >/dev/null 2>&1; then
    mv -f "$tmp" "${tmp%.*.tmp}" 2>/dev/null || rm -f "$tmp"
  else
    rm -f "$tmp"
  fi
}

# The words of process $1's command line, one a line (nothing once it is gone).
kafka_cmdline() { tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null || true; }

# The jcmd of the JDK that runs `java` (a JRE has none), to dump a running broker's classes.
kafka_jcmd() {
  local jcmd
  jcmd=$(dirname "$(readlink -f "$(command -v java)")")/jcmd
  [ -x "$jcmd" ] && printf '%s' "$jcmd"
}

# The archive flags of a new broker, one a line: the archive when there is one; else ready to be
# dumped, by kafka_cds_dump_broker once it answers when a jcmd is at hand, or else (a JRE, unless
# KAFKA_CDS_AT_EXIT=0) by the JVM as it stops: SIGTERM, about 2-3 s more, once; kafka_stop_pid
# publishes the file. The skipped classes' warnings of a dump (hundreds) stay out of stdout.log.
kafka_cds_broker_flags() {
  local archive=${KAFKA_CDS_DIR:+$KAFKA_CDS_DIR/broker.jsa}
  if [ -z "$archive" ]; then
    return 0
  elif [ -s "$archive" ]; then
    printf '%s\n' "-XX:SharedArchiveFile=$archive"
  elif kafka_jcmd >/dev/null; then
    printf '%s\n' -XX:+RecordDynamicDumpInfo "-Xlog:cds*=error"
  elif [ "${KAFKA_CDS_AT_EXIT:-1}" != 0 ]; then
    printf '%s\n' "-XX:ArchiveClassesAtExit=$(kafka_cds_tmp "$archive")" "-Xlog:cds*=error"
  fi
}

# Broker $1 (a pid), once it has answered the admin requests of `up`: if it was started to be
# dumped by jcmd and there is still no archive, the classes it loaded so far (its start, SASL and
# TLS, the admin requests) become the archive. About 2 s, once per jars and Java: in CI the
# shared broker's `up` makes it, and every later broker start maps it (the fault runs' private
# stack and cluster, their restarts under load).
kafka_cds_dump_broker() {
  local pid=$1 archive=${KAFKA_CDS_DIR:+$KAFKA_CDS_DIR/broker.jsa} jcmd tmp
  [ -n "$archive" ] && [ ! -s "$archive" ] || return 0
  kafka_cmdline "$pid" | grep -xF -- -XX:+RecordDynamicDumpInfo >/dev/null || return 0
  jcmd=$(kafka_jcmd) || return 0
  tmp=$(kafka_cds_tmp "$archive")
  say "kafka: saving the broker's loaded classes for its next starts (once: $archive)"
  timeout 120 "$jcmd" "$pid" VM.cds dynamic_dump "$tmp" >/dev/null 2>&1 || true
  kafka_cds_publish "$tmp"
}

# A Kafka command-line tool from the fetched jars (tuned for a short life): class $1 with the
# arguments that follow, stopped after 60 s. Its stdout is read by the callers (the topic list),
# so the JVM's class-archive messages are off.
KAFKA_TOOL=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-Xlog:cds*=off"
  "-Dlog4j.configuration=file:$HERE/kafka/tools-log4j.properties" -cp "$KAFKA_LIBS/*")

kafka_tool() {
  local main=$1 archive
  shift
  archive=${KAFKA_CDS_DIR:+$KAFKA_CDS_DIR/${main##*.}.jsa}
  if [ -z "$archive" ]; then
    timeout 60 "${KAFKA_TOOL[@]}" "$main" "$@"
  elif [ -s "$archive" ]; then
    timeout 60 "${KAFKA_TOOL[@]}" -XX:SharedArchiveFile="$archive" "$main" "$@"
  else
    # No archive yet: this run dumps one as it exits (0.5-1 s more, once), unless another run of
    # the same tool is dumping it (the eight ACL commands start together). Only a run that
    # succeeded: a failed one (the broker not answering yet) loaded a different set of classes.
    (
      if ! flock -n 8; then exec timeout 60 "${KAFKA_TOOL[@]}" "$main" "$@"; fi
      local tmp status=0
      tmp=$(kafka_cds_tmp "$archive")
      timeout 60 "${KAFKA_TOOL[@]}" -XX:ArchiveClassesAtExit="$tmp" "$main" "$@" || status=$?
      if [ $status = 0 ]; then kafka_cds_publish "$tmp"; else rm -f "$tmp"; fi
      exit $status
    ) 8>>"$archive.lock"
  fi
}
TOPIC_COMMAND=(kafka_tool org.apache.kafka.tools.TopicCommand)

# The local CA, the broker's key and certificate, and the principals' passwords: made once, kept
# under the run dir (never committed), readable by this user only. The certificate names
# 127.0.0.1 and localhost, so it serves every listener of every local broker.
kafka_secrets() {
  (
    umask 077
    mkdir -p "$KAFKA_SECRETS"
    chmod 0700 "$KAFKA_SECRETS"
    cd "$KAFKA_SECRETS"
    if [ ! -s ca.pem ] || [ ! -s ca.key ]; then
      say "kafka: making a local CA ($KAFKA_SECRETS/ca.pem)"
      rm -f broker.p12
      openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout ca.key -out ca.pem -days 3650 -subj "/CN=noncoop local Kafka CA" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
        2>/dev/null || die "openssl could not make the CA"
    fi
    if [ ! -s broker.p12 ] || [ ! -s keystore-password ]; then
      say "kafka: making the broker's certificate (CN=noncoop-kafka, 127.0.0.1, localhost)"
      openssl rand -hex 24 >keystore-password
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout broker.key -out broker.csr -subj "/CN=noncoop-kafka" 2>/dev/null ||
        die "openssl could not make the broker's key"
      printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth" >broker.ext
      openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
        -extfile broker.ext -out broker.pem 2>/dev/null || die "openssl could not sign the broker's certificate"
      openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name kafka \
        -passout file:keystore-password -out broker.p12 || die "openssl could not write broker.p12"
      rm -f broker.csr broker.ext
    fi
    local principal
    touch credentials
    for principal in "${KAFKA_PRINCIPALS[@]}"; do
      grep -q "^$principal=" credentials || printf '%s=%s\n' "$principal" "$(openssl rand -hex 24)" >>credentials
    done
  )
}

# The password of principal $1 (from the secrets' credentials file).
kafka_password() { sed -n "s/^$1=//p" "$KAFKA_SECRETS/credentials"; }

# deploy/local/kafka/server.properties with this instance's folders, secrets and ports, on stdout:
# $1 data dir, $2 broker port, $3 controller port (the template's 19092 and 19093).
kafka_server_properties() {
  sed -e "s|@DATA_DIR@|$1|" -e "s|@SECRETS_DIR@|$KAFKA_SECRETS|g" \
    -e "s|@KEYSTORE_PASSWORD@|$(cat "$KAFKA_SECRETS/keystore-password")|g" \
    -e "s|@ADMIN_PASSWORD@|$(kafka_password admin)|" \
    -e "s|:19092|:$2|g" -e "s|:19093|:$3|g" \
    "$HERE/kafka/server.properties"
}

# Formats the storage of config $2 for cluster id $1, with every principal as a SCRAM user.
kafka_format() {
  local principal scram=()
  for principal in "${KAFKA_PRINCIPALS[@]}"; do
    scram+=(--add-scram "$KAFKA_MECHANISM=[name=$principal,password=$(kafka_password "$principal")]")
  done
  # --cluster-id=<id>, one word: a random id may start with "-", which the tool would take
  # for an option (a clean checkout failed so, one time in 64).
  kafka_tool kafka.tools.StorageTool format --cluster-id="$1" \
    -c "$2" --ignore-formatted "${scram[@]}" >/dev/null ||
    die "kafka storage format failed"
}

# A new cluster id, into file $1 unless it holds one already.
kafka_cluster_id() {
  [ -s "$1" ] || head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$1"
}

# The consumer groups of a service principal: its consumers are named after it (LogConsumer's
# group is "<handler name>@<topic>", and every handler's name starts with its service's).
kafka_group_prefix() { printf '%s-' "${1//_/-}"; }

# The ACL table (docs/adr/0019-kafka-sasl-tls-acls.md), every pattern PREFIXED so that the tests'
# fresh topics (noncoop.events.test-*) are covered like the log. Each service: read, write and
# describe the log's topics (it writes through its relay, its consumers dead-letter), read its
# own consumer groups. auditor: read and describe the log. Nobody but admin (a super user)
# creates or deletes topics or alters ACLs.
kafka_acl_commands() {
  local service
  printf '%s\n' "--allow-principal User:referrals --allow-principal User:good_offices --allow-principal User:bureau --allow-principal User:reporting --operation Write --topic $KAFKA_TOPIC_PREFIX"
  for service in "${KAFKA_SERVICES[@]}"; do
    printf '%s\n' "--allow-principal User:$service --operation Read --operation Describe --topic $KAFKA_TOPIC_PREFIX --group $(kafka_group_prefix "$service")"
  done
  printf '%s\n' "--allow-principal User:auditor --operation Read --operation Describe --topic $KAFKA_TOPIC_PREFIX"
  # A service checks its topics' settings at start (docs/adr/0030-log-topic-settings-and-degraded-kafka.md).
  printf '%s\n' "--allow-principal User:referrals --allow-principal User:good_offices --allow-principal User:bureau --allow-principal User:reporting --operation DescribeConfigs --topic $KAFKA_TOPIC_PREFIX"
}

# Applies the ACL table once per table version (stamp file $3 holds its hash): a restart costs
# nothing. $1 bootstrap servers, $2 the admin's client config.
kafka_acls() {
  local bootstrap=$1 config=$2 stamp=$3 wanted line
  wanted=$(kafka_acl_commands | sha256sum | cut -c1-16)
  if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then return 0; fi
  say "kafka: setting the ACLs (admin, ${KAFKA_SERVICES[*]}, auditor)"
  # One AclCommand JVM per line, all at once: each spends its ~1.5 s starting a JVM, not
  # talking to the broker, and a fresh stack (every fault run, CI's first) waited for them one
  # after the other (8 s of an 18 s `up`). Each writes its own log; any failure stops `up`.
  local pids=() lines=() index=0 failed=""
  while IFS= read -r line; do
    # shellcheck disable=SC2086 # one line = the words of one AclCommand call
    kafka_tool kafka.admin.AclCommand --bootstrap-server "$bootstrap" \
      --command-config "$config" --add --resource-pattern-type prefixed $line \
      >"$stamp.$index.log" 2>&1 &
    pids+=("$!")
    lines+=("$line")
    index=$((index + 1))
  done < <(kafka_acl_commands)
  for index in "${!pids[@]}"; do
    if wait "${pids[$index]}"; then
      rm -f "$stamp.$index.log"
    else
      failed+="${lines[$index]} (its output: $stamp.$index.log); "
    fi
  done
  [ -z "$failed" ] || die "could not set the ACLs: $failed"
  printf '%s\n' "$wanted" >"$stamp"
}

# Starts a broker in its own session, no terminal: it outlives the caller and ignores its Ctrl-C.
# The inner shell writes its own pid to $1 and becomes java, so the pid file names the broker.
# $2 the folder of its logs, $3 its server.properties, $4 the heap flags (word-split).
kafka_spawn() {
  local pidfile=$1 dir=$2 config=$3 heap=$4 cds
  rm -f "$pidfile"
  mapfile -t cds < <(kafka_cds_broker_flags)
  # shellcheck disable=SC2016,SC2086 # $$ is the inner shell's; the heap may hold several flags
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
    java $heap -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true "${cds[@]}" \
    -Dkafka.logs.dir="$dir" \
    -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$config" \
    >"$dir/stdout.log" 2>&1 </dev/null 9>&- &
}

# SIGTERM to broker $1 (a pid whose command line holds $2), then SIGKILL after 60 s. A broker
# that dumps its class archive as it exits (kafka_cds_broker_flags) names the file on its command
# line: published once the broker is gone (dropped if it was killed while writing it).
kafka_stop_pid() {
  local pid=$1 what=$2 dump
  dump=$(kafka_cmdline "$pid" | sed -n 's/^-XX:ArchiveClassesAtExit=//p')
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while alive "$pid" "$what"; do
    if [ $SECONDS -ge $deadline ]; then
      say "kafka: still running after 60 s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.3
  done
  [ -z "$dump" ] || kafka_cds_publish "$dump"
}

# Existing topics, one a line; retried until the broker answers or the time is up.
kafka_list_topics() {
  local bootstrap=$1 deadline=$((SECONDS + ${2:-60})) config=$3 out
  until out=$("${TOPIC_COMMAND[@]}" --bootstrap-server "$bootstrap" --command-config "$config" --list 2>/dev/null); do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
  printf '%s\n' "$out"
}

# Creates topic $3 as the log's topics are (ADR 0030): 12 partitions, replication $4,
# min.insync.replicas $5, kept forever. $1 bootstrap servers, $2 the admin's client config.
# $6: for how many seconds to retry (default 0: one try), while a new cluster's brokers register.
kafka_create_topic() {
  local bootstrap=$1 config=$2 topic=$3 replication=$4 min_insync=$5 deadline=$((SECONDS + ${6:-0}))
  say "kafka: creating topic $topic ($TOPIC_PARTITIONS partitions, replication $replication, kept forever)"
  until "${TOPIC_COMMAND[@]}" --bootstrap-server "$bootstrap" --command-config "$config" --create \
    --if-not-exists --topic "$topic" --partitions "$TOPIC_PARTITIONS" \
    --replication-factor "$replication" --config min.insync.replicas="$min_insync" \
    --config retention.ms=-1 --config cleanup.policy=delete >/dev/null 2>"$KAFKA_SECRETS/create-topic.err"; do
    if [ $SECONDS -ge $deadline ]; then
      cat "$KAFKA_SECRETS/create-topic.err" >&2
      die "could not create topic $topic"
    fi
    sleep 1
  done
}
