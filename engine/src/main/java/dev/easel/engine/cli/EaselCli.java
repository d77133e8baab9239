package dev.easel.engine.cli;

/** Placeholder entry point. */
public final class EaselCli {
    private EaselCli() {}

    public static void main(String[] args) {
        System.out.println("easel");
    }
}
