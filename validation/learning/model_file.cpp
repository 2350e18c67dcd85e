#include "validation/learning/model_file.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace steer::validation {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are written little-endian");
constexpr std::string_view magic = "steer-learning-model 1\n";

// Every matrix of the network in file order (const or not; bias is a column vector).
template <class Net, class Visit>
void for_each_matrix(Net& net, Visit&& visit) {
  for (auto& layer : net.layers) {
    visit(layer.internal);
    visit(layer.input_skip);
    visit(layer.forward.dense);
    visit(layer.backward.dense);
    visit(layer.wback_skip);
    visit(layer.wforth_skip);
    visit(layer.bias);
  }
  visit(net.w_back);
  visit(net.w_forth);
}

}  // namespace

std::string model_bytes(const training_config& config, const solvers::steering_network& net) {
  const std::string text = config_to_json(config).dump();
  std::string bytes{magic};
  bytes += fmt::format("{}\n", text.size());
  bytes += text;
  for_each_matrix(net, [&](const auto& m) {
    if (m.size() != 0)  // an empty Eigen matrix has data() == nullptr
      bytes.append(reinterpret_cast<const char*>(m.data()), static_cast<std::size_t>(m.size()) * sizeof(float));
  });
  return bytes;
}

loaded_model read_model_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("cannot read model file {}", file.string()));
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto fail = [&](const std::string& why) { return std::invalid_argument(fmt::format("{}: {}", file.string(), why)); };
  if (bytes.compare(0, magic.size(), magic) != 0) throw fail("not a steer learning model (bad header)");
  const std::size_t newline = bytes.find('\n', magic.size());
  if (newline == std::string::npos || newline - magic.size() > 12) throw fail("bad header");
  std::size_t length = 0;
  try {
    length = std::stoul(bytes.substr(magic.size(), newline - magic.size()));
  } catch (const std::exception&) {
    throw fail("bad header");
  }
  if (length > bytes.size() - newline - 1) throw fail("truncated config");
  training_config config;
  try {
    config = config_from_json(nlohmann::json::parse(bytes.substr(newline + 1, length)));
  } catch (const std::exception& e) {
    throw fail(fmt::format("bad config: {}", e.what()));
  }
  solvers::steering_network net(config.model);
  std::size_t at = newline + 1 + length;
  for_each_matrix(net, [&](auto& m) {
    const std::size_t size = static_cast<std::size_t>(m.size()) * sizeof(float);
    if (bytes.size() - at < size) throw fail("truncated couplings");
    if (size != 0) std::memcpy(m.data(), bytes.data() + at, size);  // memcpy(nullptr, …, 0) is undefined
    at += size;
  });
  if (at != bytes.size()) throw fail(fmt::format("{} unexpected bytes after the couplings", bytes.size() - at));
  return {std::move(config), std::move(net)};
}

}  // namespace steer::validation
