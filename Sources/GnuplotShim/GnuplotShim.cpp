// The C++ side of GnuplotShim (see include/GnuplotShim.h).
//
// The real code needs two things: the package trait GnuplotIostream, which defines
// RECRL_WITH_GNUPLOT_IOSTREAM here and links Boost (Package.swift), and the header
// <gnuplot-iostream.h> (Debian: apt-get install libgnuplot-iostream-dev). Without either, the
// file compiles to the two stubs at the bottom, so the default build needs no system package.
#include "GnuplotShim.h"

#if defined(RECRL_WITH_GNUPLOT_IOSTREAM) && __has_include(<gnuplot-iostream.h>)

#include <gnuplot-iostream.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <exception>

extern "C" int recrl_gnuplot_iostream_available(void) { return 1; }

extern "C" int recrl_gnuplot_iostream_run(const char *script, const char *command) {
    if (script == nullptr || command == nullptr || command[0] == '\0') {
        return RECRL_GNUPLOT_IOSTREAM_CANNOT_START;
    }
    // If gnuplot quits early (an error in the script), writing to its pipe raises SIGPIPE, which
    // would end the whole program. Block SIGPIPE on this thread while we write (the write then
    // fails with EPIPE instead), swallow any that arrived, and restore the mask.
    sigset_t pipe_signal, previous_mask;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous_mask);

    int status = RECRL_GNUPLOT_IOSTREAM_OK;
    try {
        // The destructor flushes, closes the pipe and waits for gnuplot to exit (pclose).
        Gnuplot gnuplot(command);
        gnuplot << script;
        gnuplot.flush();
        if (!gnuplot.good()) status = RECRL_GNUPLOT_IOSTREAM_WRITE_FAILED;
    } catch (const std::exception &) {
        status = RECRL_GNUPLOT_IOSTREAM_CANNOT_START;
    }

    struct timespec no_wait = {0, 0};
    while (sigtimedwait(&pipe_signal, nullptr, &no_wait) == SIGPIPE) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    return status;
}

#else

extern "C" int recrl_gnuplot_iostream_available(void) { return 0; }

extern "C" int recrl_gnuplot_iostream_run(const char *, const char *) {
    return RECRL_GNUPLOT_IOSTREAM_UNAVAILABLE;
}

#endif
