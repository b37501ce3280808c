import ArgumentParser
import SwitchboardSite
import SwitchboardStore
import SwitchboardServer
print("switchboard")
