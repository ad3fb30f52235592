#!/bin/sh
# Starts redis-server on the volume at /data. The configuration goes in on stdin, so the password
# never appears in the process list; maxmemory leaves a fifth of the Machine's memory to the system.
set -eu

: "${REDIS_PASSWORD:?is not set: run scripts/bootstrap.sh, or fly secrets set REDIS_PASSWORD=... --app <redis app>}"
: "${MAXMEMORY_POLICY:=noeviction}"
: "${APPENDONLY:=yes}"
data_dir="${REDIS_DATA_DIR:-/data}"
port="${REDIS_PORT:-6379}"
maxmemory_mb=$(( ${FLY_VM_MEMORY_MB:-256} * 80 / 100 ))

# Volumes mount as root; redis-server runs as the image's redis user.
if [ "$(id -u)" = "0" ]; then
  chown redis:redis "$data_dir"
  set -- gosu redis
else
  set --
fi

exec "$@" redis-server - <<CONF
bind 0.0.0.0 ::
port $port
dir $data_dir
requirepass "$REDIS_PASSWORD"
maxmemory ${maxmemory_mb}mb
maxmemory-policy $MAXMEMORY_POLICY
appendonly $APPENDONLY
CONF
