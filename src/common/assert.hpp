// PATRON_ASSERT: a programming error. User input can never trigger one; it aborts with the location.
#pragma once

namespace patron::detail {
[[noreturn]] void AssertFail(const char* expr, const char* file, int line);
}  // namespace patron::detail

#define PATRON_ASSERT(cond)                                                   \
    do {                                                                      \
        if (!(cond)) ::patron::detail::AssertFail(#cond, __FILE__, __LINE__); \
    } while (false)
