import "../err_import_cycle.mm"
