#include "numerics/npz_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <memory>

namespace steer::numerics {
namespace {

// A read-only archive: discarded (never written back) when it goes out of scope.
using archive_handle = std::unique_ptr<zip_t, decltype(&zip_discard)>;

archive_handle open_archive(std::string_view label, const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) fail_file(label, file, "does not exist or is not a regular file");
  int code = 0;
  // ZIP_CHECKCONS: compare the central directory with the local headers, so that a truncated or
  // spliced archive is refused here rather than read in part.
  zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail_file(label, file, fmt::format("not a readable .npz (ZIP) archive: {}", reason));
  }
  return {archive, &zip_discard};
}

std::vector<std::string> member_names(std::string_view label, const std::filesystem::path& file, zip_t* archive) {
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  std::vector<std::string> names;
  for (zip_int64_t k = 0; k < count; ++k) {
    const char* raw = zip_get_name(archive, static_cast<zip_uint64_t>(k), ZIP_FL_ENC_RAW);
    const std::string name = raw == nullptr ? std::string() : raw;
    if (name.size() < 5 || name.compare(name.size() - 4, 4, ".npy") != 0)
      fail_file(label, file, fmt::format("member {} is not a .npy array; an .npz holds only .npy members",
                                         quoted_cell(name)));
    names.push_back(name.substr(0, name.size() - 4));
  }
  if (names.empty()) fail_file(label, file, "archive has no members");
  return names;
}

// The member's uncompressed bytes. Reading to the end makes libzip check the CRC-32.
std::string member_bytes(std::string_view label, const std::filesystem::path& file, zip_t* archive,
                         zip_uint64_t index) {
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> member(zip_fopen_index(archive, index, 0), &zip_fclose);
  if (!member) fail_file(label, file, fmt::format("cannot open member: {}", zip_strerror(archive)));
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(member.get(), buffer, sizeof buffer);
    if (n < 0) fail_file(label, file, fmt::format("corrupt member: {}", zip_file_strerror(member.get())));
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

// The names for a one-line message, each as quoted_cell shows it.
std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + quoted_cell(name);
  return text;
}

}  // namespace

std::vector<std::string> npz_member_names(std::string_view label, const std::filesystem::path& archive) {
  const archive_handle handle = open_archive(label, archive);
  return member_names(label, archive, handle.get());
}

npy_file read_npz_member(std::string_view label, const std::filesystem::path& archive, std::string_view name) {
  const archive_handle handle = open_archive(label, archive);
  const std::vector<std::string> names = member_names(label, archive, handle.get());
  std::size_t index = 0;
  if (name.empty()) {
    if (names.size() > 1)
      fail_file(label, archive, fmt::format("holds {} arrays ({}); name one as {}:<member>", names.size(),
                                            listed(names), archive.string()));
  } else {
    while (index < names.size() && names[index] != name) ++index;
    if (index == names.size())
      fail_file(label, archive, fmt::format("has no member {} (members: {})", quoted_cell(name), listed(names)));
  }
  const std::filesystem::path shown = archive.string() + ":" + names[index];
  return npy_file(label, shown, member_bytes(label, shown, handle.get(), index));
}

}  // namespace steer::numerics
