// Error messages quote user input (option values, file names, cells of a file), which can hold
// newlines, NUL, a UTF-8 byte-order mark, terminal escapes or invalid UTF-8. Printed raw, such a
// message breaks the one-line contract (DESIGN.md, Errors) or shows text that is not there
// ('0.3' for "\xEF\xBB\xBF0.3"). printable_line makes every such character visible.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace steer::tools {

// Longest message shown in full; the rest is cut and its length said.
inline constexpr std::size_t max_message_bytes = 500;

// `text` as one line of visible characters: newline, CR and tab as \n, \r, \t; other C0/C1 controls,
// DEL and bytes that are not valid UTF-8 as \xNN; invisible format characters (BOM U+FEFF,
// zero-width and bidi controls, line/paragraph separators) as \u{XXXX}. Valid printable UTF-8
// passes through unchanged.
std::string printable_line(std::string_view text);

}  // namespace steer::tools
