//! The `chronoscope` binary: everything happens in the library.

mod allocator;

fn main() -> std::process::ExitCode {
    allocator::configure();
    chronoscope::cli::main()
}
