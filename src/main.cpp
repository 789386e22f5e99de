// Patron: VIP customer management server. The wiring lives in cli/runtime.cpp; this file only
// hands control to the command line.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return patron::cli::Main(argc, argv); }
