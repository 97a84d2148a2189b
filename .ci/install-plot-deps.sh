#!/bin/sh
# Installs what RecRL's figures need on Debian/Ubuntu (CI or a student's machine):
#   gnuplot                   draws the PNGs (without it chapters keep each figure's .gp and .csv)
#   libgnuplot-iostream-dev   the C++ header for `swift build --traits GnuplotIostream`
#                             (pulls in the Boost headers and libboost-iostreams)
# macOS: brew install gnuplot (the gnuplot-iostream trait is not set up there).
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y gnuplot libgnuplot-iostream-dev
gnuplot --version
