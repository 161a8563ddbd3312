#!/usr/bin/env bash
# Starts (or stops) a Spark standalone master and one worker (2 cores) on 127.0.0.1 from this
# build's own Spark jars, as the -Pcluster test does (StandaloneCluster.java): SPARK_HOME is a
# folder whose jars/ links the jars in sweep-spark/target/spark-{provided,shared}-paths.classpath.
# The cluster authenticates with a random secret (in a 0600 properties file, never on a command
# line) and encrypts RPC. Usage:
#   scripts/spark-standalone.sh start   # prints the master URL (spark://127.0.0.1:PORT)
#   LSTM_IRF_SPARK_SECRET_FILE=target/spark-standalone/secret ./lstm-irf sweep ... \
#     --master "$(cat target/spark-standalone/url)" --conf spark.network.crypto.enabled=true
#   scripts/spark-standalone.sh stop    # kills the master, the worker and its executors
# State (logs, secret, pids, work dir) lives in $SPARK_STANDALONE_DIR (target/spark-standalone).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dir="${SPARK_STANDALONE_DIR:-$root/target/spark-standalone}"
lists=(sweep-spark/target/spark-provided-paths.classpath sweep-spark/target/spark-shared-paths.classpath)

# A free port on the loopback (the kernel picks it).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Runs a Spark daemon class in the background with the installation's environment; pid to a file.
launch() { # NAME CLASS ARGS...
  local name="$1"; shift
  SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 \
    setsid java -Xmx512m -cp "$dir/spark-home/conf:$dir/spark-home/jars/*" "$@" \
    >"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

stop() {
  for name in worker master; do
    [[ -f "$dir/$name.pid" ]] || continue
    pid="$(cat "$dir/$name.pid")"
    # setsid made each daemon a process-group leader: the group holds the worker's executors too.
    kill -- "-$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$pid" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
  echo "stopped"
}

start() {
  [[ ! -f "$dir/master.pid" ]] || { echo "already running: $(cat "$dir/url") (stop first)" >&2; exit 1; }
  # The jar lists come from sweep-spark's build (generate-test-resources phase).
  if [[ ! -f "${lists[0]}" || ! -f "${lists[1]}" ]]; then
    mvn -B -o -q -pl sweep-spark -am package -DskipTests -Dinvoker.skip=true
  fi
  rm -rf "$dir" && mkdir -p "$dir/spark-home/jars" "$dir/spark-home/conf" "$dir/work"
  # SPARK_HOME: links to the jars, a RELEASE file, and the quiet Log4j 2 configuration.
  for list in "${lists[@]}"; do tr ':' '\n' <"$list"; echo; done | while read -r jar; do
    if [[ -n "$jar" ]]; then ln -sf "$jar" "$dir/spark-home/jars/$(basename "$jar")"; fi
  done
  echo "Spark's jars for lstm-irf's scripts/spark-standalone.sh" >"$dir/spark-home/RELEASE"
  cp sweep-spark/src/main/resources/io/lstmirf/sweep/spark/log4j2-quiet.properties \
    "$dir/spark-home/conf/log4j2.properties"
  # The shared secret, readable by this user only: a properties file for the daemons and a
  # plain file for the driver ($LSTM_IRF_SPARK_SECRET_FILE).
  umask 077
  secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$secret" >"$dir/secret"
  printf 'spark.authenticate=true\nspark.authenticate.secret=%s\nspark.network.crypto.enabled=true\n' \
    "$secret" >"$dir/cluster.properties"
  umask 022
  port="$(free_port)"
  url="spark://127.0.0.1:$port"
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port "$(free_port)" --properties-file "$dir/cluster.properties"
  # Wait for the master to listen (up to 2 minutes) before the worker registers.
  for _ in $(seq 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$(cat "$dir/master.pid")" 2>/dev/null || { cat "$dir/master.log" >&2; exit 1; }
    sleep 0.5
  done
  launch worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 3g \
    --webui-port "$(free_port)" --work-dir "$dir/work" --properties-file "$dir/cluster.properties" "$url"
  echo "$url" >"$dir/url"
  echo "$url"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
