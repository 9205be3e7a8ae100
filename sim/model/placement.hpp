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

// One attempt to place person `id`; `employer` is the firm met at a matchemøte, otherwise the broker picks
// one. Returns true if the person moved (into a trial, or a job for job specialists). A `coordinated` attempt
// (market teams led by ALS or sharing its market fora, and ALS then) goes through the IA contact firms and
// avoids firms other NAV units have just asked (employer_contact.hpp).
bool attempt_placement(IaModel::Context& ctx, County& c, PersonId id, Broker broker, double now,
                       std::optional<EmployerId> employer = std::nullopt, bool coordinated = false);

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
