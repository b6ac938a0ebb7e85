# SPDX-License-Identifier: GPL-3.0-or-later
# pharmdesk_set_warnings(target): the project's warning set, applied to every target it owns.
function(pharmdesk_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
  if(PHARMDESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
