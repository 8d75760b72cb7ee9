//===- Frontend.cpp - loading a .mm file and its imports ------------------===//
//
// parseFile reads the root file, parses it, then follows its imports depth
// first. Files are keyed by their real path, so a file imported along two
// routes is parsed once, and a file that is still being loaded when it is
// imported again closes a cycle, which is an error.
//
//===----------------------------------------------------------------------===//

#include "frontend/Frontend.h"
#include "frontend/AST.h"
#include "frontend/Parser.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mm;

namespace {

/// Loads files and their imports, each once.
class FileLoader {
public:
  explicit FileLoader(llvm::SourceMgr &sm) : sm(sm) {}

  /// Loads PATH, imported at IMPORTLOC (invalid for the root file), and
  /// everything it imports. Returns null after printing an error.
  ast::File *load(llvm::StringRef path, llvm::SMLoc importLoc);

  /// Every loaded file, dependencies before the files importing them; the
  /// root file is last.
  std::vector<std::unique_ptr<ast::File>> files;

private:
  struct Active {
    std::string realPath;
    std::string displayPath;
  };

  llvm::SourceMgr &sm;
  llvm::StringMap<ast::File *> loaded;
  std::vector<Active> stack;
};

} // namespace

/// Import chains deeper than this are surely a mistake (and would recurse).
static constexpr size_t kMaxImportDepth = 64;
static constexpr uint64_t kMaxFileSize = 64ull << 20;

ast::File *FileLoader::load(llvm::StringRef path, llvm::SMLoc importLoc) {
  auto fail = [&](const llvm::Twine &message) -> ast::File * {
    // The root file has no location to point at: name it instead.
    if (importLoc.isValid())
      sm.PrintMessage(importLoc, llvm::SourceMgr::DK_Error, message);
    else
      sm.PrintMessage(llvm::errs(), llvm::SMDiagnostic(
                                        path, llvm::SourceMgr::DK_Error,
                                        message.str()));
    return nullptr;
  };

  llvm::SmallString<256> realPath;
  if (llvm::sys::fs::real_path(path, realPath))
    realPath = path;

  if (ast::File *done = loaded.lookup(realPath))
    return done;
  for (size_t i = 0, e = stack.size(); i < e; ++i) {
    if (stack[i].realPath != realPath)
      continue;
    std::string chain;
    for (size_t j = i; j < e; ++j)
      chain += "'" + stack[j].displayPath + "' imports ";
    return fail("import cycle: " + chain + "'" + path + "'");
  }
  if (stack.size() >= kMaxImportDepth)
    return fail("imports are nested too deeply (more than " +
                llvm::Twine(kMaxImportDepth) + " files)");

  if (llvm::sys::fs::is_directory(path))
    return fail(importLoc.isValid()
                    ? "could not open imported file '" + path +
                          "': it is a directory"
                    : llvm::Twine("could not open the file: it is a directory"));
  // Only regular files of a sane size: /dev/zero or a FIFO would be read
  // forever, a huge file is certainly not a model.
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status)) {
    if (status.type() != llvm::sys::fs::file_type::regular_file)
      return fail(importLoc.isValid()
                      ? "could not open imported file '" + path +
                            "': it is not a regular file"
                      : llvm::Twine("could not open the file: it is not a regular file"));
    if (status.getSize() > kMaxFileSize)
      return fail((importLoc.isValid()
                       ? "could not open imported file '" + path + "': "
                       : llvm::Twine("could not open the file: ")) +
                  "it is larger than " + llvm::Twine(kMaxFileSize >> 20) + " MiB");
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return fail((importLoc.isValid()
                     ? "could not open imported file '" + path + "': "
                     : llvm::Twine("could not open the file: ")) +
                buffer.getError().message());
  unsigned bufferID = sm.AddNewSourceBuffer(std::move(*buffer), importLoc);

  std::unique_ptr<ast::File> file = Parser(sm, bufferID).parseFile();
  if (!file)
    return nullptr;

  stack.push_back({realPath.str().str(), path.str()});
  for (ast::DeclPtr &decl : file->getDecls()) {
    auto *import = llvm::dyn_cast<ast::ImportDecl>(decl.get());
    if (!import)
      continue;
    llvm::SmallString<256> importPath;
    if (llvm::sys::path::is_absolute(import->getPath())) {
      importPath = import->getPath();
    } else {
      importPath = llvm::sys::path::parent_path(path);
      llvm::sys::path::append(importPath, import->getPath());
    }
    ast::File *imported = load(importPath, import->getLoc());
    if (!imported)
      return nullptr;
    import->setFile(imported);
  }
  stack.pop_back();

  ast::File *result = file.get();
  loaded[realPath] = result;
  files.push_back(std::move(file));
  return result;
}

std::unique_ptr<ast::File> mm::parseFile(llvm::SourceMgr &sm,
                                         llvm::StringRef path) {
  FileLoader loader(sm);
  if (!loader.load(path, llvm::SMLoc()))
    return nullptr;
  std::unique_ptr<ast::File> root = std::move(loader.files.back());
  loader.files.pop_back();
  root->setImportedFiles(std::move(loader.files));
  return root;
}
