#include "tools/train_reference_shaped.hpp"

#include <algorithm>

#include "solvers/learning/relaxation.hpp"

namespace steer::tools {

using numerics::matrix_f;

reference_shaped_trainer::reference_shaped_trainer(const solvers::steering_parameters& p)
    : p_(p),
      couplings_(matrix_f::Constant(Eigen::Index{p.layers + 1} * p.hidden, Eigen::Index{3} * p.hidden, 0.01F)),
      input_skip_(matrix_f::Constant(p.hidden, p.inputs, 0.01F)) {}

void reference_shaped_trainer::train_batch(const matrix_f& inputs, Eigen::Index first, Eigen::Index batch) {
  const Eigen::Index h = p_.hidden, rows = couplings_.rows();
  const matrix_f x = inputs.middleCols(first, batch);
  // state[B, L+3, H] as the reference keeps it; row l of the tensor sees rows l..l+2 of it.
  matrix_f state = matrix_f::Zero(Eigen::Index{p_.layers + 3} * h, batch);
  const Eigen::Index shown = std::min(h, x.rows());  // x zero-padded (or cut) to H in row 0
  state.topRows(shown) = x.topRows(shown);
  matrix_f fields(rows, batch), drive(h, batch);
  // 2T sweeps, the two logging evaluations and the plasticity evaluation (spec §11): 2T + 3.
  const int evaluations = 2 * p_.steps_train + 3;
  for (int e = 0; e < evaluations; ++e) {
    for (Eigen::Index l = 0; l <= p_.layers; ++l) {
      numerics::panel_product(couplings_.middleRows(l * h, h), state.middleRows(l * h, 3 * h), fields.middleRows(l * h, h), false);
    }
    numerics::panel_product(input_skip_, x, drive, false);  // recomputed at every evaluation
    fields.topRows(h) += drive;
    state.middleRows(h, rows) = fields.unaryExpr(&solvers::sign0);
  }
  // Dense update of every block, zero blocks included, and of W_in (spec §11 row "plasticity").
  const matrix_f g = state.middleRows(h, rows);
  for (Eigen::Index l = 0; l <= p_.layers; ++l) {
    numerics::panel_product_transposed(g.middleRows(l * h, h), state.middleRows(l * h, 3 * h), couplings_.middleRows(l * h, h), 1.0F);
  }
  numerics::panel_product_transposed(g.topRows(h), x, input_skip_, 1.0F);
}

}  // namespace steer::tools
