// The `patron` command line (CLI11): serve, init, demo, migrate, user add|passwd|disable,
// import customers, export customers, backup, audit verify. Each calls app/ like http/ does.
// Exit statuses follow the error table: 0 ok, 1 failure, 2 invalid input, 3 not found,
// 4 forbidden, 5 conflict.
#pragma once

namespace patron::cli {

int Main(int argc, char** argv);

}  // namespace patron::cli
