# Starting the built API for ops/bench and ops/chaos (sourced, not run).
# api_start REPO PORT CONNECTION CLOCK_NOW LOG: starts it in the background, sets api_pid, waits for /health.
# API_ENV="NAME=value …" adds settings.
api_start() {
  local repo=$1 port=$2 connection=$3 clock_now=$4 log=$5
  (cd "$repo/src/Api" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__Portail="$connection" Clock__Now="$clock_now" Demo__Seed=true Mail__PickupDirectory= \
    Logging__LogLevel__Default=Warning exec env ${API_ENV:-} dotnet bin/Release/net10.0/PortailFamille.Api.dll >>"$log" 2>&1) &
  api_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$api_pid" 2>/dev/null || { tail -30 "$log" >&2; echo "the API did not start" >&2; return 1; }
    sleep 0.5
  done
  echo "the API did not answer /health within 60 s" >&2
  return 1
}
