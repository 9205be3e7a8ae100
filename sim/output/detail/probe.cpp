#include "sim/output/detail/probe.hpp"

#include "sim/engine/tsan.hpp"  // IASIM_TSAN_ANNOTATIONS: built with ThreadSanitizer
#include "sim/output/detail/heap_check.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdint>
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
  (void)H5Iget_name(scale, nullptr, 0);
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

[[noreturn]] void probe(const char* path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file >= 0) {
    std::vector<std::string> names;
    hsize_t index = 0;
    if (H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_name, &names) < 0) {
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
  ::_exit(0);  // no atexit handlers, no stdio flushing: the parent owns those
}

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

struct ProbeCall {
  const char* path;
  unsigned limit_seconds;  // reading takes well under a second per 10 MB here: 5 s + 1 s per MB is generous
  std::optional<std::string> death;
};

// Forks and waits for the child. Called by libhdf5 (a property list class's create callback), so that it runs
// under the library's global lock (Debian's libhdf5 is built thread-safe): no other thread is inside libhdf5
// at the fork, and the child inherits the lock as held by its own (only) thread, which may re-enter the
// library. A fork while another thread held the lock would leave the child waiting forever.
[[maybe_unused]] herr_t fork_and_probe(hid_t, void* data) {  // unused in TSan builds (no probe there)
  auto& call = *static_cast<ProbeCall*>(data);
  const pid_t child = ::fork();
  if (child < 0) return 0;  // no process to spare: read without the probe, as before it existed
  if (child == 0) {
    // The crash handlers are the parent's: the child dies by the signal itself, which is what it reports.
    for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL}) ::signal(s, SIG_DFL);
    ::alarm(call.limit_seconds);  // a loop in libhdf5 over cyclic damaged metadata: end it
    // glibc's and libhdf5's last words on a corrupted heap are not the user's business: the parent reports.
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, STDERR_FILENO);
    probe(call.path);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) return 0;
  if (WIFEXITED(status)) {
    // The child ends with _exit(0); anything else is a sanitizer's report (they exit 1) or an exit inside
    // libhdf5, on this file.
    if (WEXITSTATUS(status) != 0)
      call.death = "stopped reading it with exit status " + std::to_string(WEXITSTATUS(status));
    return 0;
  }
  if (!WIFSIGNALED(status)) return 0;
  const int s = WTERMSIG(status);
  if (s == SIGALRM) call.death = "did not finish reading it within " + std::to_string(call.limit_seconds) + " s";
  else call.death = std::string("crashed reading it (") + signal_name(s) + ")";
  return 0;
}

}  // namespace

std::optional<std::string> probe_in_child(const std::filesystem::path& path) {
#ifdef IASIM_TSAN_ANNOTATIONS
  // ThreadSanitizer does not support fork() in a multi-threaded process: the child can hang on the runtime's
  // own locks (seen in the TSan sweep test: a resume called a healthy task file damaged after the time limit).
  // TSan builds check threads, not damaged files, so they read without the probe.
  (void)path;
  return std::nullopt;
#else
  const std::string p = path.string();
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  const auto limit = 5 + (ec ? 0 : std::min<std::uintmax_t>(bytes >> 20, 3600));
  ProbeCall call{p.c_str(), static_cast<unsigned>(limit), std::nullopt};
  const hid_t cls =
      H5Pcreate_class(H5P_ROOT, "iasim reader probe", fork_and_probe, &call, nullptr, nullptr, nullptr, nullptr);
  if (cls < 0) return std::nullopt;
  const hid_t list = H5Pcreate(cls);  // runs fork_and_probe under libhdf5's lock
  if (list >= 0) H5Pclose(list);
  H5Pclose_class(cls);
  return call.death;
#endif
}

}  // namespace iasim::output::detail
