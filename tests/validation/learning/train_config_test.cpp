// Config keys: YAML with the reference's names and nesting, --set overrides, defaults that
// follow other keys, and one-line refusals of unknown keys, wrong types and out-of-range values.
#include <gtest/gtest.h>

#include "tests/support/file_errors.hpp"

#include <filesystem>
#include <functional>

#include "validation/learning/train_config.hpp"

namespace steer::validation {
namespace {

using steer_test::invalid_argument_message;

TEST(TrainConfig, ReadsReferenceKeysAndNesting) {
  training_config c;
  apply_yaml_text(c, "N: 100\nH: 64\nlambda_input_skip:\n- 5.0\nthreshold: [0.9, 3.0]\nlambda_l: 2.0\n"
                     "data:\n  dataset: synthetic\n  P: 30\n  synthetic:\n    C: 4\n    p: 0.2\n", "t.yaml");
  finalize_config(c);
  EXPECT_EQ(c.model.inputs, 100);
  EXPECT_EQ(c.model.hidden, 64);
  EXPECT_EQ(c.model.lambda_input_skip, std::vector<double>{5.0});
  EXPECT_EQ(c.model.classes, 4);
  EXPECT_EQ(c.p_per_class, 30);
  EXPECT_DOUBLE_EQ(c.synthetic_flip, 0.2);
  EXPECT_EQ(c.model.lambda_r, 2.0);                      // ${lambda_l}
  EXPECT_EQ(c.model.steps_eval, c.model.steps_train);   // ${max_steps_train}
}

TEST(TrainConfig, SetOverridesAndScalarListBroadcast) {
  training_config c;
  apply_setting(c, "lr_J=0.01");
  apply_setting(c, "lambda_internal=0.5");
  apply_setting(c, "threshold=[1.0, 2.0]");
  apply_setting(c, "lambda_r=0.3");
  finalize_config(c);
  EXPECT_EQ(c.model.lr_J, 0.01);
  EXPECT_EQ(c.model.lambda_internal, std::vector<double>{0.5});
  EXPECT_EQ(c.model.threshold, (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(c.model.lambda_r, 0.3);
}

TEST(TrainConfig, RefusesBadInputWithOneLineNamingTheKey) {
  training_config c;
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "lr_j=0.1"); }), "unknown config key 'lr_j' (steer train --help-config lists them)");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "H=many"); }), "config key H: expected an integer, got 'many'");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "H=1.5"); }), "config key H: expected an integer, got '1.5'");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "fc_left=maybe"); }), "config key fc_left: expected true or false, got 'maybe'");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "fc_input=true"); }),
            "config key fc_input: only false is implemented, got 'true'");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "init_mode=noisy"); }),
            "config key init_mode: expected zeros, input or noisy_zeros, got 'noisy'");
  for (const auto& [setting, message] : std::vector<std::pair<std::string, std::string>>{
           {"begin_curriculum=-0.1", "begin_curriculum must be in [0, 1], got -0.1"},
           {"begin_curriculum=1.5", "begin_curriculum must be in [0, 1], got 1.5"},
           {"p_curriculum=-0.5", "p_curriculum must be in [0, 1], got -0.5"},
           {"p_curriculum=2", "p_curriculum must be in [0, 1], got 2"},
           {"init_noise=1.01", "init_noise must be in [0, 1], got 1.01"},
           {"init_noise=-1", "init_noise must be in [0, 1], got -1"}}) {
    training_config bad;
    apply_setting(bad, setting);
    EXPECT_EQ(invalid_argument_message([&] { finalize_config(bad); }), message) << setting;
  }
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "symmetric_W=sometimes"); }),
            "config key symmetric_W: expected false, true, buggy or normalize, got 'sometimes'");
  training_config schedule;
  apply_setting(schedule, "num_epochs_warmup=5");
  apply_setting(schedule, "num_epochs_couplings=20");
  EXPECT_EQ(invalid_argument_message([&] { finalize_config(schedule); }),
            "num_epochs must be the sum of num_epochs_warmup, _couplings, _full and _tuning with a multi-step schedule, got 20");
  apply_setting(schedule, "num_epochs=25");
  finalize_config(schedule);
  EXPECT_EQ(schedule.schedule.epochs(), 25);
  training_config single;
  apply_setting(single, "double_update=true");
  apply_setting(single, "double_dynamics=false");
  EXPECT_EQ(invalid_argument_message([&] { finalize_config(single); }),
            "double_update must be false unless double_dynamics (it needs the phase-1 state), got true");
  EXPECT_EQ(invalid_argument_message([&] { apply_setting(c, "novalue"); }), "--set: expected key=value, got 'novalue'");
  EXPECT_EQ(invalid_argument_message([&] { apply_yaml_text(c, "data:\n  P_evl: 3\n", "t.yaml"); }),
            "unknown config key 'data.P_evl' (steer train --help-config lists them)");
  EXPECT_EQ(invalid_argument_message([&] { apply_yaml_text(c, "[1, 2]", "t.yaml"); }), "t.yaml: expected a map of config keys");
  training_config negative;
  apply_setting(negative, "lr_J=-0.1");
  EXPECT_EQ(invalid_argument_message([&] { finalize_config(negative); }), "lr_J must be finite and >= 0, got -0.1");
  training_config zero;
  apply_setting(zero, "H=0");
  EXPECT_EQ(invalid_argument_message([&] { finalize_config(zero); }), "H must be in 1..100000, got 0");
  training_config many;
  apply_setting(many, "data.P=7000");
  EXPECT_EQ(invalid_argument_message([&] { finalize_config(many); }), "data.P must be in 1..6000 (per class), got 7000");
}

TEST(TrainConfig, JsonRoundTripAndHelp) {
  training_config c;
  apply_setting(c, "num_layers=2");
  apply_setting(c, "lambda_wback_skip=[0.9]");
  apply_setting(c, "lambda_wforth_skip=[0.0]");
  apply_setting(c, "threshold=[0.9, 0.9, 3.0]");
  apply_setting(c, "seed=123456789012");
  finalize_config(c);
  const training_config back = config_from_json(config_to_json(c));
  EXPECT_EQ(config_to_json(back), config_to_json(c));
  EXPECT_EQ(back.model.seed, 123456789012U);
  // asynchronous_sweeps is left out at its default, so checkpoints written before it existed resume.
  EXPECT_FALSE(config_to_json(c).contains("asynchronous_sweeps"));
  EXPECT_FALSE(config_to_json(c).contains("num_epochs_tuning"));
  EXPECT_EQ(config_to_json(c).at("symmetric_W"), false);
  for (const char* setting : {"asynchronous_sweeps=true", "symmetric_W=normalize", "symmetric_update_internal_couplings=true",
                              "double_update=true", "init_mode=input"}) {
    training_config options = c;
    apply_setting(options, setting);
    finalize_config(options);
    const nlohmann::json json = config_to_json(options);
    EXPECT_NE(json, config_to_json(c)) << setting;
    EXPECT_EQ(config_to_json(config_from_json(json)), json) << setting;
  }
  training_config tie;
  apply_setting(tie, "symmetric_W=true");
  EXPECT_EQ(tie.model.symmetric_W, solvers::feedback_tie::transpose);
  apply_setting(tie, "symmetric_W=buggy");
  EXPECT_EQ(config_to_json(tie).at("symmetric_W"), "buggy");
  for (const config_key_help& key : config_keys()) {
    EXPECT_FALSE(key.meaning.empty()) << key.name;
    EXPECT_FALSE(key.default_value.empty()) << key.name;
  }
}

TEST(TrainConfig, ShippedConfigsAreValidAndTheMultiLayerOnesFollowTheirSchedule) {
  for (const std::filesystem::directory_entry& entry : std::filesystem::directory_iterator(STEER_SOURCE_DIR "/configs")) {
    if (entry.path().extension() != ".yaml") continue;
    training_config c;
    EXPECT_NO_THROW(apply_yaml_file(c, entry.path()); finalize_config(c)) << entry.path();
  }
  // Spec §7.2: baseline_2layer_largeP 0 warm-up + 20 full + 10 tuning, baseline_multi_layer 5 + 20 + 5.
  training_config two;
  apply_yaml_file(two, STEER_SOURCE_DIR "/configs/baseline_2layer_largeP.yaml");
  EXPECT_EQ((std::vector<int>{two.schedule.warmup, two.schedule.couplings, two.schedule.full, two.schedule.tuning}),
            (std::vector<int>{0, 0, 20, 10}));
  training_config multi;
  apply_yaml_file(multi, STEER_SOURCE_DIR "/configs/baseline_multi_layer.yaml");
  EXPECT_EQ((std::vector<int>{multi.schedule.warmup, multi.schedule.couplings, multi.schedule.full, multi.schedule.tuning}),
            (std::vector<int>{5, 20, 0, 5}));
}

}  // namespace
}  // namespace steer::validation
