#pragma once
// Placing people with employers: who brokers an attempt, which employer and candidate are approached, and
// what a hire starts. Internal to sim/model; the rules employers decide by are in rules.hpp.
#include <optional>

#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// An employer with a free trainee slot (three tries): one where a trial went well lately, or a firm that takes
// trainees drawn by size, among all or among ALS's IA contact firms (those that still have their contact).
// A coordinated broker (`avoid_others_of` a unit) passes over firms another NAV unit has just asked.
std::optional<EmployerId> pick_employer(engine::Stream& s, County& c, bool among_contacts,
                                        std::optional<std::uint16_t> avoid_others_of = std::nullopt, double now = 0);

// One attempt to place person `id`, brokered by `broker` and approached `how`. Returns true if the person moved
// (into a trial, or a job for job specialists).
struct Approach {
  // The firm: met at a matchemøte, or one whose door the coach opened; otherwise the broker picks one.
  std::optional<EmployerId> employer = std::nullopt;
  // Market teams led by ALS or sharing its market fora, and ALS then: through the IA contact firms, avoiding
  // firms other NAV units have just asked (employer_contact.hpp).
  bool coordinated = false;
  bool open_door = false;  // the firm agreed to the coach to take a candidate
};
bool attempt_placement(IaModel::Context& ctx, County& c, PersonId id, Broker broker, double now, const Approach& how = {});

// The next job-ready person on an office's ready list, looking first at engaged offices with probability
// `engaged_focus`; none if nobody in the county is ready.
std::optional<PersonId> pick_candidate(IaModel::Context& ctx, County& c, double engaged_focus);

// A hire after a trial or by a job specialist: a subsidised job (with its end timer) or an ordinary job.
void hire(IaModel::Context& ctx, County& c, PersonId id, Person& p, bool subsidised, double now);

// An ordinary job, with its job-loss timer; `tenure_years` already spent in the job (with a subsidy).
void start_ordinary_job(IaModel::Context& ctx, County& c, PersonId id, Person& p, double tenure_years, double now);
// Sets the job-loss timer of someone who has been in a job for `tenure_years` (ODD §7.11).
void start_job_loss_clock(IaModel::Context& ctx, County& c, PersonId id, Person& p, double tenure_years, double now);
// Remembers that a trial went well at employer `e`, so that brokers come back to it.
void remember_good_trial(County& c, EmployerId e);

}  // namespace iasim::model::detail
