#!/usr/bin/env bash
# Sends one event to N invitees (default 1000) through the app's outbox and through a plain MailKit
# loop, to a local SMTP server, and prints messages per second of both. See docs/benchmarks.md.
#   ./bench/run.sh [invitees]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/InvitationBench/InvitationBench.csproj -c Release -nologo -v quiet
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dotnet bench/InvitationBench/bin/Release/net10.0/InvitationBench.dll "${1:-1000}" "$commit"
