#include "tools/printable_line.hpp"

#include <fmt/format.h>

namespace steer::tools {
namespace {

// Length of the valid UTF-8 sequence at the start of `s` and its code point, or 0 if the
// first byte does not start one (stray continuation, overlong form, surrogate, > U+10FFFF).
std::size_t decode_utf8(std::string_view s, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || length > s.size()) return 0;
  code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < smallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

// Characters a terminal shows as nothing, or that move the cursor or reorder the line.
bool invisible(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

}  // namespace

std::string printable_line(std::string_view text) {
  std::string line;
  std::size_t i = 0;
  while (i < text.size() && line.size() < max_message_bytes) {
    char32_t c = 0;
    const std::size_t length = decode_utf8(text.substr(i), c);
    if (length == 0) {
      line += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (c == '\n') line += "\\n";
    else if (c == '\r') line += "\\r";
    else if (c == '\t') line += "\\t";
    else if (c < 0x80 && invisible(c)) line += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    else if (invisible(c)) line += fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(c));
    else line.append(text.substr(i, length));
    i += length;
  }
  if (i < text.size()) line += fmt::format("… ({} more bytes)", text.size() - i);
  return line;
}

}  // namespace steer::tools
