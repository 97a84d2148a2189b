// GnuplotShim: a C entry point to the C++ header gnuplot-iostream, for RecRL's plots.
//
// RecRL uses it only when built with the package trait GnuplotIostream
// (swift build --traits GnuplotIostream). Without <gnuplot-iostream.h> on the machine, or without
// the trait, the shim compiles to the stubs below that answer "not available".
#ifndef RECRL_GNUPLOT_SHIM_H
#define RECRL_GNUPLOT_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// The script was sent to gnuplot and gnuplot has exited.
#define RECRL_GNUPLOT_IOSTREAM_OK 0
/// This build has no gnuplot-iostream (header missing, or the trait was off).
#define RECRL_GNUPLOT_IOSTREAM_UNAVAILABLE (-1)
/// The gnuplot command could not be started.
#define RECRL_GNUPLOT_IOSTREAM_CANNOT_START (-2)
/// gnuplot stopped reading before the whole script was sent (it quit, e.g. on an error).
#define RECRL_GNUPLOT_IOSTREAM_WRITE_FAILED (-3)

/// 1 if this build sends scripts through gnuplot-iostream, 0 if it has only the stubs.
int recrl_gnuplot_iostream_available(void);

/// Starts `command` through the shell (gnuplot-iostream uses popen), writes `script` to its
/// standard input, closes it and waits for gnuplot to exit. Returns one of the codes above.
/// gnuplot-iostream does not report gnuplot's exit status, so the caller checks the output file.
int recrl_gnuplot_iostream_run(const char *script, const char *command);

#ifdef __cplusplus
}
#endif

#endif
