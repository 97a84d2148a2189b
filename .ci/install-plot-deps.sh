#!/bin/sh
# Installs what RecRL's figures need on Debian/Ubuntu (CI or a student's machine):
#   gnuplot                   draws the PNGs (without it chapters keep each figure's .gp and .csv)
#   libgnuplot-iostream-dev   the C++ header for `swift build --traits GnuplotIostream`
#                             (pulls in the Boost headers and libboost-iostreams)
# macOS: brew install gnuplot (the gnuplot-iostream trait is not set up there).
#
# Installing needs root. As root it installs; otherwise it uses sudo if sudo is there, and else
# says what to run as root and exits with status 1.
set -eu
packages="gnuplot libgnuplot-iostream-dev"
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "error: installing $packages needs root, and sudo is not installed." >&2
    echo "Run as root:  apt-get update && apt-get install -y $packages" >&2
    exit 1
fi
$run apt-get update
$run env DEBIAN_FRONTEND=noninteractive apt-get install -y $packages
gnuplot --version
