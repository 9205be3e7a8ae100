#include "sim/output/detail/probe.hpp"

#include "sim/output/reader_probe.hpp"

#include "sim/output/detail/heap_check.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <vector>

namespace iasim::output::detail {

namespace {

// Everything below runs in the child only, and calls libhdf5 and nothing else of iasim but the heap reference
// check: results are thrown away (errors included); what matters is only whether the process survives.

herr_t read_attribute(hid_t location, const char* name, const H5A_info_t*, void*) {
  const hid_t attr = H5Aopen(location, name, H5P_DEFAULT);
  if (attr < 0) return 0;
  const hid_t type = H5Aget_type(attr);
  const hid_t space = H5Aget_space(attr);
  const hssize_t points = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
  if (type >= 0 && points > 0 && points < (hssize_t{1} << 24)) {
    const auto n = static_cast<std::size_t>(points);
    switch (H5Tget_class(type)) {
      case H5T_STRING:
        if (H5Tis_variable_str(type) > 0) {
          std::vector<char*> strings(n, nullptr);
          if (H5Aread(attr, type, strings.data()) >= 0)
            for (char* s : strings) H5free_memory(s);
        } else {
          const std::size_t size = H5Tget_size(type);
          if (size > 0 && size < (std::size_t{1} << 26) / n) {
            std::vector<char> bytes(n * size);
            (void)H5Aread(attr, type, bytes.data());
          }
        }
        break;
      case H5T_FLOAT:
      case H5T_INTEGER: {
        std::vector<double> values(n);
        (void)H5Aread(attr, H5T_NATIVE_DOUBLE, values.data());
        break;
      }
      default: break;
    }
  }
  if (space >= 0) H5Sclose(space);
  if (type >= 0) H5Tclose(type);
  H5Aclose(attr);
  return 0;
}

herr_t first_scale(hid_t, unsigned, hid_t scale, void*) {
  H5O_info_t info{};
  (void)H5Oget_info2(scale, &info, H5O_INFO_BASIC);  // what the reader asks of a scale (netcdf_reader.cpp)
  return 1;
}

void read_dataset(hid_t file, const char* path, const char* name) {
  const hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
  if (ds < 0) return;
  hsize_t index = 0;
  (void)H5Aiterate2(ds, H5_INDEX_NAME, H5_ITER_INC, &index, read_attribute, nullptr);
  (void)H5DSis_scale(ds);
  const hid_t type = H5Dget_type(ds);
  const hid_t space = H5Dget_space(ds);
  const int rank = space >= 0 ? H5Sget_simple_extent_ndims(space) : -1;
  for (int axis = 0; axis < rank; ++axis) {
    (void)H5DSget_num_scales(ds, static_cast<unsigned>(axis));
    (void)H5DSiterate_scales(ds, static_cast<unsigned>(axis), nullptr, first_scale, nullptr);
  }
  const hssize_t points = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
  const H5T_class_t cls = type >= 0 ? H5Tget_class(type) : H5T_NO_CLASS;
  if (points > 0 && points < (hssize_t{1} << 28)) {  // at most 2^28 values (2 GiB)
    const auto n = static_cast<std::size_t>(points);
    if (cls == H5T_FLOAT || cls == H5T_INTEGER) {
      std::vector<double> values(n);
      (void)H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    } else if (cls == H5T_STRING && H5Tis_variable_str(type) > 0) {
      // References the reader's own check refuses are left to it, so that it names the damage; the rest
      // libhdf5 follows here, where a crash cannot take the reader down.
      bool references_fine = true;
      try {
        check_heap_references(file, ds, path, name);
      } catch (...) {
        references_fine = false;
      }
      std::vector<char*> strings(n, nullptr);
      if (references_fine && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, strings.data()) >= 0)
        for (char* text : strings) H5free_memory(text);
    } else if (cls == H5T_STRING) {
      const std::size_t size = H5Tget_size(type);
      if (size > 0 && size < (std::size_t{1} << 26) / n) {
        std::vector<char> bytes(n * size);
        (void)H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
      }
    }
  }
  if (space >= 0) H5Sclose(space);
  if (type >= 0) H5Tclose(type);
  H5Dclose(ds);
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

}  // namespace

[[noreturn]] void probe(const char* path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file >= 0) {
    std::vector<std::string> names;
    hsize_t index = 0;
    if (H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_name, &names) < 0) {
      // A file that indexes its links by creation order (iasim's do) and cannot list them that way is damaged
      // in its link table; libhdf5's error path there can free garbage in a process that has read other files
      // before (it reuses their freed blocks), so the reader must not try the other order itself.
      unsigned order = 0;
      const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
      const hid_t gcpl = root >= 0 ? H5Gget_create_plist(root) : -1;
      const bool indexed = gcpl >= 0 && H5Pget_link_creation_order(gcpl, &order) >= 0 && (order & H5P_CRT_ORDER_INDEXED);
      if (gcpl >= 0) H5Pclose(gcpl);
      if (root >= 0) H5Gclose(root);
      if (indexed) ::_exit(probe_unlistable);
      names.clear();
      index = 0;
      (void)H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names);
    }
    for (const auto& name : names) {
      H5O_info_t info{};
      if (H5Oget_info_by_name2(file, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0 &&
          info.type == H5O_TYPE_DATASET)
        read_dataset(file, path, name.c_str());
    }
    index = 0;
    (void)H5Aiterate2(file, H5_INDEX_NAME, H5_ITER_INC, &index, read_attribute, nullptr);
    H5Fclose(file);
  }
  ::_exit(0);  // no atexit handlers, no stdio flushing: nothing of this process is kept
}

namespace {

const char* signal_name(int s) {
  switch (s) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGILL: return "SIGILL";
    default: return "a signal";
  }
}

}  // namespace

// The executable that runs the probe (reader_probe_main), or empty: no probe.
std::string& probe_executable() {
  static std::string path;
  return path;
}

std::optional<std::string> probe_in_child(const std::filesystem::path& path) {
  const std::string& exe = probe_executable();
  if (exe.empty()) return std::nullopt;
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  // Reading takes well under a second per 10 MB here: 5 s + 1 s per MB is generous.
  const unsigned limit = 5 + static_cast<unsigned>(ec ? 0 : std::min<std::uintmax_t>(bytes >> 20, 3600));
  const std::string file = path.string(), seconds = std::to_string(limit);
  std::vector<char*> argv{const_cast<char*>(exe.c_str()), const_cast<char*>(probe_argument),
                          const_cast<char*>(file.c_str()), const_cast<char*>(seconds.c_str()), nullptr};
  // glibc's and libhdf5's last words on a corrupted heap are not the user's business: the parent reports.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t child = -1;
  const int spawned = ::posix_spawn(&child, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return std::nullopt;  // no process to spare: read without the probe
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) return std::nullopt;
  if (WIFEXITED(status)) {
    // The probe exits 0 when it has read everything (libhdf5's errors included); anything else is a
    // sanitizer's report (they exit 1) or an exit inside libhdf5, on this file.
    if (WEXITSTATUS(status) == 0) return std::nullopt;
    if (WEXITSTATUS(status) == probe_unlistable) return std::string("could not list its contents (its link table is damaged)");
    return "stopped reading it with exit status " + std::to_string(WEXITSTATUS(status));
  }
  if (!WIFSIGNALED(status)) return std::nullopt;
  const int s = WTERMSIG(status);
  if (s == SIGALRM) return "did not finish reading it within " + seconds + " s";
  return std::string("crashed reading it (") + signal_name(s) + ")";
}

}  // namespace iasim::output::detail

namespace iasim::output {

void use_reader_probe(const std::filesystem::path& executable) { detail::probe_executable() = executable.string(); }

void reader_probe_main(const char* path, const char* seconds) {
  // The probe dies by the signal itself, which is what the reader reports.
  for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL}) ::signal(s, SIG_DFL);
  ::alarm(static_cast<unsigned>(std::strtoul(seconds, nullptr, 10)));  // a loop in libhdf5 over cyclic metadata
  detail::probe(path);
}

}  // namespace iasim::output
