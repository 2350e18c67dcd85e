// Reading numeric arrays as NumPy users write them: .npy (float64, float32 or integers of 1-8
// bytes, either byte order, C or Fortran order, any number of dimensions) and text tables
// (np.savetxt's whitespace- or comma-separated rows, '#' comments, an optional header line).
// Shared by the couplings reader (fixed_points/coupling_io) and the activity readers
// (similarity/activity_io): one parser for each format.
//
// Every error is std::invalid_argument "<label> <file>: <problem>", e.g. "couplings file j.npy:
// truncated header", so the caller's noun names what the file was meant to hold.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace steer::numerics {

// [[noreturn]] helper: throws std::invalid_argument("<label> <file>: <problem>").
[[noreturn]] void fail_file(std::string_view label, const std::filesystem::path& file, const std::string& problem);

// The whole file; "does not exist or is not a regular file" / "cannot be opened" otherwise.
std::string read_file_bytes(std::string_view label, const std::filesystem::path& file);

// A .npy file (format 1.0-3.0) whose header has been parsed; values() converts the data.
// Two steps, so that a caller can refuse a shape (not square, wrong rank) before the data size
// is compared with it.
class npy_file {
 public:
  npy_file(std::string_view label, const std::filesystem::path& file);
  // The same from bytes already read, e.g. a member of an .npz archive (numerics/npz_archive.hpp);
  // `file` names them in messages ("archive.npz:member").
  npy_file(std::string_view label, const std::filesystem::path& file, std::string content);

  const std::vector<std::size_t>& shape() const { return shape_; }
  // "(2, 3)"; a 1-D shape as NumPy prints it, "(4,)".
  std::string shape_text() const;
  // A float dtype (f4, f8) rather than an integer one: callers whose integers and floats mean
  // different scales (raw pixels 0..255 against [0, 1]) tell them apart by it.
  bool floating() const { return kind_ == 'f'; }

  // Every element as the double of exactly its value, in C (row-major) order whatever the file's
  // order. float32 and integers up to 32 bits always convert exactly; 64-bit integers beyond
  // 2^53 that double cannot hold are refused, naming the entry. Throws if the data bytes do not
  // match the shape (compared without forming a product that could wrap). NaN and infinities
  // are returned as they are: finiteness is the caller's rule, with the caller's positions.
  std::vector<double> values() const;

  // 1-based position of C-order element k: "row i, column j" for 2-D arrays, "index (i, j, k)"
  // otherwise.
  std::string position(std::size_t k) const;

 private:
  std::string label_;
  std::filesystem::path file_;
  std::string content_;
  std::vector<std::size_t> shape_;
  char kind_ = 'f';  // 'f', 'i' or 'u'
  std::size_t item_size_ = 8;
  bool swap_ = false;  // stored in the other byte order than this machine's
  bool fortran_ = false;
  std::size_t data_offset_ = 0;
};

// Bytes of a float64, C-order .npy file (format 1.0) of `shape` holding `values` (row-major).
std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<double>& values);

// A text table: one row of numbers per line, comma-separated if the line has a comma, else
// separated by runs of spaces and tabs. Blank lines and lines starting with '#' are skipped, and
// so is a UTF-8 byte-order mark. Rows may differ in length (the caller checks the shape).
struct text_table {
  std::vector<std::string> header;  // the header line's cells, if one was asked for
  std::vector<std::vector<double>> rows;
  std::vector<std::size_t> line_numbers;  // 1-based line of each row, for the caller's messages
};

// Throws naming "line L, column C" and the cell (escaped, cut to 40 characters) when a cell is
// not a number or out of the range of double. With `has_header`, the first non-comment line is
// taken as column names. NaN and infinities are returned as they are.
text_table read_text_table(std::string_view label, const std::filesystem::path& file, bool has_header = false);

// A cell as it may appear in a one-line message: printable ASCII kept, anything else as \xNN,
// cut after 40 characters.
std::string quoted_cell(std::string_view cell);

}  // namespace steer::numerics
