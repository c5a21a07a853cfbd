#!/bin/sh
# Registers every connectors/*.json ({"name": ..., "config": {...}}) with the worker at $1 (PUT: safe to repeat).
set -eu
rest="$1"
dir="$2"
until curl -fsS "$rest/connector-plugins" | grep -q ChangeTrackingSourceConnector; do
  echo "waiting for the Connect worker at $rest ..."
  sleep 3
done
for file in "$dir"/*.json; do
  name=$(sed -n 's/^ *"name" *: *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  config=$(tr -d '\n' < "$file" | sed 's/^.*"config" *: *\({.*}\) *} *$/\1/')
  echo "registering $name from $file"
  curl -fsS -X PUT -H 'Content-Type: application/json' "$rest/connectors/$name/config" -d "$config"
  echo
done
curl -fsS "$rest/connectors?expand=status"
echo
