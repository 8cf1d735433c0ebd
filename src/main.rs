//! The `chronoscope` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    chronoscope::cli::main()
}
