package io.ctsync.launcher;

import java.io.PrintStream;

/** {@code ./ctsync}: demo, run, topic. Exit codes: 0 done, 1 something failed, 2 a bad command line. */
public final class Ctsync {

    private Ctsync() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        PrintStream out = System.out;
        int code;
        try {
            code = run(args, out, started);
        } catch (UsageException e) {
            System.err.println("ctsync: " + e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            code = 2;
        } catch (LaunchFailure | ConnectRest.RestFailure e) {
            System.err.println("ctsync: FAILED: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static int run(String[] args, PrintStream out, long started) {
        if (args.length > 0 && args[0].equals("topic")) {
            return TopicCommand.run(args, out);
        }
        LauncherOptions options = LauncherOptions.parse(args);
        WorkDirectory work = WorkDirectory.prepare(options.workDirectory(), options.reset());
        // Before any logger exists: the worker's and the connectors' logs go to the work directory, not the terminal.
        System.setProperty("ctsync.log.dir", work.logs().toString());
        System.setProperty("ctsync.log.name", "launcher");
        out.println("ctsync " + options.command() + ": logs in " + work.logs());
        return options.command().equals("demo") ? new DemoCommand(options, out).run(work, started)
                : new RunCommand(options, out).run(work, started);
    }
}
